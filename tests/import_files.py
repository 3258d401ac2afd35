"""Spreadsheets the importer tests write for themselves: marketplace layouts, odd formats, broken files."""

from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path

from openpyxl import Workbook


def write_xlsx(
    path: Path,
    sheets: dict[str, list[list[object]]],
    *,
    merged: dict[str, list[str]] | None = None,
    hidden: tuple[str, ...] = (),
) -> Path:
    """A workbook with openpyxl: one sheet per entry, merged ranges like {"Sheet": ["A1:C1"]}."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for ref in (merged or {}).get(name, []):
            ws.merge_cells(ref)
        if name in hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def set_cached_values(path: Path, values: dict[str, str]) -> None:
    """Give formula cells the cached results Excel would have saved (openpyxl writes formulas without them).

    `values` maps a cell reference ("C2") to its cached value; text values are stored as formula strings.
    """
    with zipfile.ZipFile(path) as zf:
        parts = {info.filename: zf.read(info.filename) for info in zf.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    for ref, value in values.items():
        kind = "" if re.fullmatch(r"-?\d+(\.\d+)?", value) else ' t="str"'
        sheet, count = re.subn(
            rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/>',
            rf'<c r="{ref}"\1{kind}><f>\2</f><v>{value}</v>',
            sheet,
        )
        assert count == 1, ref
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def write_ods(path: Path, sheet: str, rows: list[list[str | float]]) -> Path:
    """A minimal OpenDocument spreadsheet, as LibreOffice stores one (with its trailing repeated empty rows)."""

    def cell(value: str | float) -> str:
        if isinstance(value, float):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p>'
                "</table:table-cell>"
            )
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'

    body = "".join(f"<table:table-row>{''.join(cell(v) for v in row)}</table:table-row>" for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
        f'<office:spreadsheet><table:table table:name="{sheet}">{body}'
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated='
        '"1024"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>'
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr(
            "META-INF/manifest.xml",
            (
                '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>"
            ),
        )
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def write_encrypted_xlsx(path: Path) -> Path:
    """What Excel writes for "Encrypt with Password": an OLE compound file, not a zip.

    A real, parseable compound file (CFB v3, 512-byte sectors) holding the two
    streams of an encrypted OOXML package, `EncryptionInfo` and
    `EncryptedPackage`. What is simulated: the stream contents are random-looking
    bytes instead of a real AES key descriptor and ciphertext; the importer must
    refuse the file from its structure alone, so that is what is tested.
    """
    sector = 512
    info = b"\x04\x00\x04\x00\x40\x00\x00\x00" + bytes(range(256)) * 15 + bytes(sector * 8 - 8 - 3840)
    package = struct.pack("<Q", 9000) + bytes((i * 37) % 251 for i in range(sector * 8 - 8))
    # Sector 0: FAT; sector 1: directory; sectors 2-9: EncryptionInfo; sectors 10-17: EncryptedPackage.
    fat = [0xFFFFFFFD, 0xFFFFFFFE]
    fat += [i + 1 for i in range(2, 9)] + [0xFFFFFFFE]
    fat += [i + 1 for i in range(10, 17)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (128 - len(fat))

    def entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00"
        return (
            raw.ljust(64, b"\x00")
            + struct.pack("<HBB", len(raw), kind, 1)
            + struct.pack("<III", left, right, child)
            + bytes(16)
            + bytes(4)
            + bytes(16)
            + struct.pack("<IQ", start, size)
        )

    none = 0xFFFFFFFF
    directory = (
        entry("Root Entry", 5, none, none, 1, 0xFFFFFFFE, 0)
        + entry("EncryptionInfo", 2, none, 2, none, 2, len(info))
        + entry("EncryptedPackage", 2, none, none, none, 10, len(package))
        + bytes(128)
    )
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", 0xFFFFFFFF) * 108
    )
    assert len(header) == sector
    path.write_bytes(header + struct.pack("<128I", *fat) + directory + info + package)
    return path


def write_zip_bomb(path: Path, inflated_mb: int = 300) -> Path:
    """A valid .xlsx-shaped zip whose sheet inflates to `inflated_mb` MB of spaces (a few hundred KB on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types '
            'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        zf.writestr(
            "xl/workbook.xml",
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
            'main"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            block = b" " * (1024 * 1024)
            for _ in range(inflated_mb):
                fh.write(block)
    return path


AMAZON_LABELS = [
    "Product Type",
    "Seller SKU",
    "Brand Name",
    "Product ID",
    "Product ID Type",
    "Item Name (aka Title)",
    "Manufacturer",
    "Key Product Features",
    "Key Product Features",
    "Key Product Features",
    "Key Product Features",
    "Key Product Features",
    "Search Terms",
    "Product Description",
    "Standard Price",
    "Quantity",
    "Parentage",
    "Parent SKU",
    "Update Delete",
]
AMAZON_FIELDS = [
    "feed_product_type",
    "item_sku",
    "brand_name",
    "external_product_id",
    "external_product_id_type",
    "item_name",
    "manufacturer",
    "bullet_point1",
    "bullet_point2",
    "bullet_point3",
    "bullet_point4",
    "bullet_point5",
    "generic_keywords",
    "product_description",
    "standard_price",
    "quantity",
    "parent_child",
    "parent_sku",
    "update_delete",
]


def amazon_settings_row() -> list[object]:
    """Row 1 of an Amazon inventory template: settings Amazon reads back, then group names over the columns."""
    row: list[object] = [
        "TemplateType=fptcustom",
        "Version=2021.1014",
        "TemplateSignature=U0hPRVM=",
        (
            "settings=contentLanguageTag=en_US&feedType=113&headerLanguageTag=en_US&labelRow=2"
            "&primaryMarketplaceId=amzn1.mp.o.A1F83G8C2ARO7P&templateIdentifier=4fb1f1ab"
        ),
        "The top 3 rows are for Amazon.com use only. Do not modify or delete the top 3 rows.",
        None,
        None,
        "Basic",
    ]
    return row + [None] * (len(AMAZON_FIELDS) - len(row))


def write_amazon_flat_file(path: Path, data: list[list[object]]) -> Path:
    """An inventory file as Amazon's category template ships it: instructions, an Example sheet, the Template
    sheet (row 1 settings with a merged group name, row 2 labels, row 3 field names, data from row 4) and
    hidden value lists."""
    example = [
        amazon_settings_row(),
        AMAZON_LABELS,
        AMAZON_FIELDS,
        [
            "shoes",
            "ABC123",
            "Example Brand",
            "",
            "",
            "Example Brand Men's Running Shoe",
            "Example Brand",
            "Breathable mesh",
            "",
            "",
            "",
            "",
            "running shoes",
            "A sample",
            39.99,
            10,
            "",
            "",
            "Update",
        ],
    ]
    return write_xlsx(
        path,
        {
            "Instructions": [["Welcome to the Inventory File template"], ["Fill in the Template tab."]],
            "Images": [["Image requirements"]],
            "Example": example,
            "Data Definitions": [
                ["Group Name", "Field Name", "Local Label Name", "Accepted Values"],
                ["Basic", "item_sku", "Seller SKU", "A unique identifier"],
                ["Basic", "item_name", "Item Name (aka Title)", "Max 200 characters"],
            ],
            "Template": [amazon_settings_row(), AMAZON_LABELS, AMAZON_FIELDS, *data],
            "Valid Values": [["feed_product_type", "shoes", "boot"]],
        },
        merged={"Template": ["H1:M1"], "Example": ["H1:M1"]},
        hidden=("Valid Values",),
    )
