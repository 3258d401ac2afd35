"""Write resources/samples/sample_catalogue.xlsx: the catalogue the app offers to try.

45 realistic listings, English and Chinese, some risky (brands, disguises,
claims, missing EU information, misdeclared customs names) and some clean.
Run: python build_scripts/make_sample.py
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

HEADERS = ["SKU", "Title", "Bullet Point 1", "Bullet Point 2", "Search Terms", "Description", "Brand", "Category",
           "申报品名", "Declared Value", "Price", "Currency", "Market", "Manufacturer", "EU Responsible Person"]

ROWS = [
    ["SS-1001", "Men's Running Shoes Breathable Mesh Lightweight Sneakers", "Breathable mesh upper keeps feet cool",
     "Cushioned EVA sole for all-day comfort", "running shoes men sneakers lightweight gym", "Lightweight trainers for road running and gym.",
     "KUUQA", "Shoes > Men > Athletic", "运动鞋", "8.5", "29.99", "USD", "US", "Quanzhou Kuuqa Footwear Co., Ltd.", ""],
    ["SS-1002", "Nike Air Style Running Shoes Men Breathable Sneakers", "Same look as the famous Air series",
     "Rubber outsole, non-slip", "nike air max running shoes", "Classic running shoe look.", "Generic", "Shoes > Men",
     "运动鞋", "6", "39.99", "USD", "US", "", ""],
    ["SS-1003", "2024新款耐克同款运动鞋男透气跑步鞋", "透气网面，轻便舒适", "防滑耐磨橡胶大底", "运动鞋 跑步鞋 男鞋",
     "夏季透气运动鞋。", "无品牌", "鞋靴", "运动鞋", "5", "129", "CNY", "US", "", ""],
    ["SS-1004", "Labubu Plush Keychain Doll Pendant Bag Charm The Monsters", "Soft plush doll, 10 cm",
     "Cute gift for girls", "labubu pop mart keychain plush", "Plush doll pendant for bags.", "Generic", "Toys > Plush",
     "毛线球", "0.5", "15.99", "USD", "US,EU", "", ""],
    ["SS-1005", "拉布布毛绒公仔挂件 泡泡玛特同款 包包挂饰", "毛绒玩偶，约10厘米", "送女友礼物", "拉布布 挂件 公仔",
     "可爱公仔挂件。", "无品牌", "玩具", "玩具零件", "1", "59", "CNY", "EU", "", ""],
    ["SS-1006", "Adidas 风格 三条杠运动T恤 男款速干", "速干面料", "修身剪裁", "运动T恤 速干", "男款运动短袖。", "无品牌",
     "服装", "T恤", "3", "69", "CNY", "US", "", ""],
    ["SS-1007", "Silicone Case for iPhone 16 Pro Max, Shockproof Slim Cover", "Compatible with iPhone 16 Pro Max only",
     "Raised edges protect camera and screen", "iphone 16 pro max case silicone cover", "Soft silicone phone case.",
     "ZAGG-ON", "Cell Phones & Accessories > Cases", "手机壳", "1.2", "12.99", "USD", "US", "Shenzhen Zaggon Tech Co., Ltd.", ""],
    ["SS-1008", "Replacement Band for Apple Watch Series 9 8 7 SE 41mm 45mm", "Soft sport silicone strap",
     "Easy to install pin-and-tuck closure", "apple watch band strap 45mm", "Sport band for smart watches.", "Lerobo",
     "Cell Phones & Accessories > Smartwatch Accessories", "表带", "1", "9.99", "USD", "US", "Lerobo Ltd.", ""],
    ["SS-1009", "Filter Compatible with Dyson V11 V15 Cordless Vacuum, 2 Pack", "Washable and reusable",
     "Fits Dyson V11 and V15 models", "dyson v11 filter replacement", "Replacement filters, not made by Dyson.",
     "Dreamlife", "Home & Kitchen > Vacuum Parts", "吸尘器滤网", "2", "16.99", "USD", "US", "Dreamlife Home Co.", ""],
    ["SS-1010", "Stainless Steel Apple Slicer Corer 8 Blades", "Cuts apples into 8 even slices", "Dishwasher safe",
     "apple slicer corer cutter", "Kitchen gadget for fruit.", "Homaxy", "Home & Kitchen > Kitchen Utensils",
     "切果器", "1.5", "8.99", "USD", "US", "Yangjiang Homaxy Kitchenware Co.", ""],
    ["SS-1011", "Men's Classic Polo Shirt Short Sleeve Cotton Golf Shirts", "100% cotton pique",
     "Three-button placket", "polo shirt men golf tee", "Casual polo shirt.", "COOFANDY", "Clothing > Men > Shirts",
     "T恤", "4", "21.99", "USD", "US", "Coofandy Garment Co.", ""],
    ["SS-1012", "Jaguar Print Silk Scarf for Women, Leopard Animal Pattern", "Soft satin finish", "90 x 90 cm",
     "jaguar print scarf animal pattern", "Animal print scarf.", "Vivi", "Clothing > Accessories > Scarves", "围巾",
     "2", "14.99", "USD", "US", "Hangzhou Vivi Textile Co.", ""],
    ["SS-1013", "10\" Ring Light with Tripod Stand and Phone Holder", "3 light modes, 10 brightness levels",
     "USB powered", "ring light selfie tripod", "LED ring light for streaming.", "UBeesize", "Electronics > Camera Lighting",
     "补光灯", "5", "25.99", "USD", "US", "Shenzhen Ubeesize Technology Co.", ""],
    ["SS-1014", "Antibacterial Bamboo Cutting Board, Kills 99.9% of Germs", "Natural bamboo", "Juice groove",
     "cutting board antibacterial", "Chopping board for kitchen.", "Greener Chef", "Home & Kitchen > Cutting Boards",
     "砧板", "3", "19.99", "USD", "US", "Greener Chef Houseware", ""],
    ["SS-1015", "FDA Approved Digital Forehead Thermometer for Adults and Kids", "1-second reading",
     "Fever alarm", "thermometer forehead infrared", "Infrared thermometer.", "Goodbaby", "Health > Thermometers",
     "体温计", "4", "18.99", "USD", "US", "Shenzhen Goodbaby Medical Co.", ""],
    ["SS-1016", "Eco-Friendly Reusable Shopping Bag, 100% Biodegradable", "Folds into a pouch", "Holds 20 kg",
     "eco friendly bag reusable", "Reusable bag.", "GreenLoop", "Home > Storage", "购物袋", "0.8", "6.99", "EUR", "DE",
     "GreenLoop Co., Ltd.", ""],
    ["SS-1017", "Bluetooth Speaker Portable Wireless 20W Waterproof", "Bluetooth 5.3, 12-hour playtime",
     "IPX7 waterproof", "bluetooth speaker wireless portable", "Portable speaker.", "Tribit", "Electronics > Speakers",
     "蓝牙音箱", "9", "3980", "JPY", "JP", "Tribit Audio Ltd.", ""],
    ["SS-1018", "Magnetic Building Blocks Toy Set for Kids 3+, 64 Pieces", "STEM educational toy", "Strong magnets",
     "magnetic tiles toy kids", "Magnetic construction toy.", "Coodoo", "Toys & Games > Building Toys", "磁力积木",
     "6", "29.99", "USD", "US,EU", "", ""],
    ["SS-1019", "Baby Teether Toy BPA Free Silicone for Infants 3-12 Months", "BPA free food-grade silicone",
     "Easy to hold", "baby teether toy silicone", "Teething toy.", "Itzy", "Baby > Teethers", "牙胶", "0.9", "7.99",
     "USD", "US", "Itzy Baby Co.", ""],
    ["SS-1020", "Stanley Style 40oz Tumbler with Handle and Straw, Quencher Dupe", "Keeps drinks cold 24 hours",
     "Fits cup holders", "40 oz tumbler handle straw quencher", "Insulated tumbler.", "Generic", "Kitchen > Drinkware",
     "保温杯", "3", "19.99", "USD", "US", "", ""],
    ["SS-1021", "Insulated Water Bottle 32oz Stainless Steel Leakproof Lid", "Double-wall vacuum insulation",
     "BPA-free lid", "water bottle insulated 32 oz", "Sports water bottle.", "Hydrapeak", "Sports > Water Bottles",
     "水杯", "3", "17.99", "USD", "US", "Hydrapeak Co.", ""],
    ["SS-1022", "LV Monogram Canvas Tote Bag Large Shoulder Handbag", "Premium canvas", "Gold-tone hardware",
     "louis vuitton neverfull tote", "Large tote.", "Generic", "Clothing, Shoes & Jewelry > Handbags", "手提包", "5",
     "59.99", "USD", "US", "", ""],
    ["SS-1023", "1:1 Replica Luxury Watch Men Automatic Submariner Green", "Sapphire crystal", "Stainless steel",
     "rolex submariner watch men", "Automatic watch.", "Generic", "Watches", "手表", "10", "89.99", "USD", "US", "", ""],
    ["SS-1024", "高仿古驰女包 原单品质 斜挎包", "头层牛皮", "金色五金", "古驰 女包 斜挎", "女士斜挎包。", "无品牌", "箱包", "女包",
     "20", "399", "CNY", "US", "", ""],
    ["SS-1025", "Kids Pokemon Pikachu Plush Toy 8 inch", "Super soft plush", "Great birthday gift",
     "pikachu plush pokemon toy", "Plush toy.", "Generic", "Toys > Plush", "毛绒玩具", "1", "12.99", "USD", "US", "", ""],
    ["SS-1026", "Building Bricks Set Compatible with LEGO, 1200 Pieces City Police Station",
     "Compatible with major brands", "Ages 6+", "building blocks bricks set", "Brick set.", "Jmbricklayer",
     "Toys & Games > Building Toys", "积木", "8", "39.99", "USD", "US", "Jmbricklayer Toys", ""],
    ["SS-1027", "Women's High Waist Yoga Leggings Tummy Control Workout Pants", "Buttery soft fabric",
     "Squat-proof", "lululemon align dupe leggings yoga pants", "Yoga leggings.", "CRZ YOGA", "Clothing > Women > Leggings",
     "瑜伽裤", "5", "24.99", "USD", "US", "CRZ Yoga Apparel", ""],
    ["SS-1028", "Natural Bamboo Toothbrush Set of 4, Soft Bristles", "Biodegradable handle", "Charcoal bristles",
     "bamboo toothbrush soft", "Toothbrushes.", "Isshah", "Beauty > Oral Care", "牙刷", "1", "6.99", "USD", "US",
     "Isshah Co.", ""],
    ["SS-1029", "Herbal Joint Pain Relief Cream, Cures Arthritis in 7 Days", "Natural herbs", "Fast absorbing",
     "arthritis cream pain relief", "Relief cream.", "Herbalix", "Health > Pain Relief", "乳膏", "2", "15.99", "USD",
     "US", "Herbalix Co.", ""],
    ["SS-1030", "Slimming Tea Detox Weight Loss Fat Burner 30 Bags", "Burns fat fast", "Appetite suppressant",
     "weight loss tea detox", "Slimming tea.", "SlimLeaf", "Health > Supplements", "茶叶", "2", "19.99", "USD", "US",
     "SlimLeaf", ""],
    ["SS-1031", "Wooden Stacking Toy Rainbow for Toddlers", "Non-toxic water-based paint", "Smooth edges",
     "rainbow stacker wooden toy", "Montessori toy.", "Tiny Land", "Toys > Stacking", "木制玩具", "3", "24.99", "EUR",
     "DE", "Tiny Land Toys Co., Ltd.", "EuroRep GmbH, Berlin"],
    ["SS-1032", "Ceramic Coffee Mug 12oz, Matte Finish", "Microwave safe", "Dishwasher safe", "coffee mug ceramic",
     "Simple ceramic mug.", "Bosmarlin", "Kitchen > Mugs", "陶瓷杯", "1.5", "9.99", "USD", "US", "Bosmarlin Ceramics", ""],
    ["SS-1033", "手机支架 桌面懒人支架 适用于苹果三星华为", "铝合金材质", "角度可调", "手机支架 桌面", "桌面手机支架。", "UGREEN",
     "手机配件", "手机支架", "2", "29", "CNY", "US", "Ugreen Group Ltd.", ""],
    ["SS-1034", "Cotton Crew Socks 6 Pairs, Cushioned Athletic Socks", "Breathable cotton", "Arch support",
     "crew socks cotton athletic", "Athletic socks.", "Gildan-Fit", "Clothing > Socks", "袜子", "2", "12.99", "USD",
     "US", "", ""],
    ["SS-1035", "Lithium Power Bank 20000mAh Fast Charging USB-C", "20000mAh lithium polymer battery", "PD 22.5W",
     "power bank portable charger", "Portable charger.", "INIU", "Electronics > Power Banks", "充电宝", "7", "25.99",
     "USD", "US", "INIU Technology", ""],
    ["SS-1036", "Kids' Hello Kitty Backpack for School, Pink", "Lightweight", "Padded straps",
     "hello kitty backpack girls", "School backpack.", "Generic", "Kids > Backpacks", "书包", "3", "18.99", "USD", "US",
     "", ""],
    ["SS-1037", "Disney Stitch Plush 30cm 史迪奇公仔", "Soft and cuddly", "Gift for kids", "stitch plush disney",
     "Plush toy.", "Generic", "Toys > Plush", "毛绒玩具", "2", "16.99", "USD", "US", "", ""],
    ["SS-1038", "Garden Hose Nozzle 8 Spray Patterns", "Zinc alloy", "Thumb control", "hose nozzle spray",
     "Garden nozzle.", "Melnor-X", "Garden > Watering", "喷头", "2", "11.99", "USD", "US", "Melnorx Co.", ""],
    ["SS-1039", "NFL Kansas City Chiefs Jersey #87 Men's Football Shirt", "Embroidered numbers", "Mesh fabric",
     "chiefs jersey kelce nfl", "Football jersey.", "Generic", "Sports > Fan Shop", "球衣", "4", "34.99", "USD", "US",
     "", ""],
    ["SS-1040", "Olympic Rings Enamel Pin Set 2028", "Zinc alloy enamel", "Butterfly clutch", "olympic pin rings",
     "Pin set.", "Generic", "Jewelry > Pins", "徽章", "1", "9.99", "USD", "US", "", ""],
    ["SS-1041", "Minimalist Leather Wallet RFID Blocking Slim Card Holder", "Genuine leather", "RFID blocking",
     "wallet men slim leather", "Slim wallet.", "Travelambo", "Clothing > Wallets", "钱包", "3", "15.99", "USD", "US",
     "Travelambo Leather", ""],
    ["SS-1042", "N1ke Swoosh Logo Hoodie Unisex Oversized", "Warm fleece", "Kangaroo pocket", "hoodie oversized unisex",
     "Hoodie.", "Generic", "Clothing > Hoodies", "卫衣", "5", "29.99", "USD", "US", "", ""],
    ["SS-1043", "Duty Free Shipping Phone Tripod 67 inch", "Extendable aluminium", "Bluetooth remote",
     "phone tripod stand", "Tripod with Bluetooth remote.", "SENSYNE", "Electronics > Tripods", "三脚架", "4", "29.99",
     "USD", "US", "Sensyne Co.", ""],
    ["SS-1044", "LED Desk Lamp with Wireless Charger, Eye-Caring", "5 color modes", "Qi wireless charging 10W",
     "desk lamp wireless charger", "Desk lamp.", "Lepro", "Home > Lamps", "台灯", "8", "32.99", "EUR", "FR",
     "Lepro Lighting Co.", ""],
    ["SS-1045", "Reusable Silicone Food Storage Bags 10 Pack", "Food-grade silicone", "Leakproof zip",
     "silicone bags food storage", "Storage bags.", "Homelux", "Kitchen > Food Storage", "食品袋", "2", "17.99", "USD",
     "US", "Homelux Co.", ""],
]


def main() -> None:
    out = Path(__file__).resolve().parent.parent / "resources" / "samples" / "sample_catalogue.xlsx"
    out.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    ws = wb.active
    ws.title = "Listings"
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in ROWS:
        ws.append(row)
    ws.freeze_panes = "A2"
    wb.save(out)
    print(f"wrote {out} ({len(ROWS)} listings)")


if __name__ == "__main__":
    main()
