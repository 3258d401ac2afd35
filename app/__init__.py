"""Seller Self-Check: offline trademark and market-rule checks for marketplace listings."""

__version__ = "0.1.0"
APP_NAME = "Seller Self-Check"
