"""The Qt desktop UI. Only this package imports Qt; it calls core, io and store."""
