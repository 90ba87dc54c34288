"""Demo producers: fictional businesses in real Hưng Yên wards and communes.

Names, tax codes, GLNs and contacts are invented; e-mail addresses use the
reserved example.vn domain. Each has its own GS1 company prefix (893 53xx) from
which its products' GTINs are made.
"""

PRODUCERS = [
    {
        "key": "hong-chau",
        "sector": "agriculture",
        "name": "HTX Nông sản Hồng Châu",
        "kind": "cooperative",
        "tax_code": "0901100101",
        "gln": "8935301000010",
        "address_line": "Thôn Điện Biên",
        "ward_code": "11980",  # Phường Hồng Châu
        "phone": "0221 3 861 201",
        "email": "htx.hongchau@example.vn",
        "website": None,
    },
    {
        "key": "pho-hien",
        "sector": "agriculture",
        "name": "HTX Nhãn lồng Phố Hiến Xanh",
        "kind": "cooperative",
        "tax_code": "0901100202",
        "gln": "8935302000019",
        "address_line": "Số 18 đường Bãi Sậy",
        "ward_code": "11953",  # Phường Phố Hiến
        "phone": "0221 3 862 415",
        "email": "nhanlong.phohien@example.vn",
        "website": None,
    },
    {
        "key": "nghe-vang",
        "sector": "pharmaceuticals",
        "name": "Công ty TNHH Nghệ Vàng Khoái Châu",
        "kind": "company",
        "tax_code": "0901100303",
        "gln": "8935303000018",
        "address_line": "Thôn Mạn Xuyên",
        "ward_code": "12205",  # Xã Khoái Châu
        "phone": "0221 3 910 733",
        "email": "lienhe@nghevang.example.vn",
        "website": "https://nghevang.example.vn",
    },
    {
        "key": "dong-tao",
        "sector": "livestock_breeds",
        "name": "HTX Chăn nuôi gà Đông Tảo Khoái Châu",
        "kind": "cooperative",
        "tax_code": "0901100404",
        "gln": "8935304000017",
        "address_line": "Thôn Đông Tảo Nam",
        "ward_code": "12220",  # Xã Triệu Việt Vương
        "phone": "0221 3 912 058",
        "email": "gadongtao.htx@example.vn",
        "website": None,
    },
    {
        "key": "tuong-ban",
        "sector": "food",
        "name": "Hộ kinh doanh Tương Bần Bà Tư",
        "kind": "household",
        "tax_code": "0901100505",
        "gln": "8935305000016",
        "address_line": "Khu phố Bần Yên Nhân",
        "ward_code": "12103",  # Phường Mỹ Hào
        "phone": "0221 3 943 117",
        "email": "tuongbanbatu@example.vn",
        "website": None,
    },
    {
        "key": "lang-nguyen",
        "sector": "food",
        "name": "Cơ sở sản xuất bánh cáy Hương Làng Nguyễn",
        "kind": "household",
        "tax_code": "0901100606",
        "gln": "8935306000015",
        "address_line": "Thôn Nguyên Xá",
        "ward_code": "12688",  # Xã Đông Hưng
        "phone": "0227 3 851 364",
        "email": "banhcay.huonglangnguyen@example.vn",
        "website": None,
    },
    {
        "key": "vit-bien",
        "sector": "agriculture",
        "name": "HTX Vịt biển Đồng Châu",
        "kind": "cooperative",
        "tax_code": "0901100707",
        "gln": "8935307000014",
        "address_line": "Thôn Đông Xuyên",
        "ward_code": "12988",  # Xã Đông Tiền Hải
        "phone": "0227 3 823 590",
        "email": "vitbien.dongchau@example.vn",
        "website": None,
    },
    {
        "key": "hai-san-nam-cuong",
        "sector": "fisheries",
        "name": "Công ty TNHH Hải sản Biển Nam Cường",
        "kind": "company",
        "tax_code": "0901100808",
        "gln": "8935308000013",
        "address_line": "Thôn Nam Hưng",
        "ward_code": "13057",  # Xã Nam Cường
        "phone": "0227 3 824 611",
        "email": "kinhdoanh@haisannamcuong.example.vn",
        "website": "https://haisannamcuong.example.vn",
    },
    {
        "key": "mam-cay",
        "sector": "food",
        "name": "Hộ kinh doanh Mắm cáy Ven Sông Hồng",
        "kind": "household",
        "tax_code": "0901100909",
        "gln": "8935309000012",
        "address_line": "Thôn Hồng Tiến",
        "ward_code": "13075",  # Xã Kiến Xương
        "phone": "0227 3 815 922",
        "email": "mamcay.vensonghong@example.vn",
        "website": None,
    },
    {
        "key": "dong-thuy",
        "sector": "agriculture",
        "name": "HTX Dịch vụ nông nghiệp Đồng Thụy",
        "kind": "cooperative",
        "tax_code": "0901101010",
        "gln": "8935310000018",
        "address_line": "Thôn Đông",
        "ward_code": "12865",  # Xã Thụy Anh
        "phone": "0227 3 853 120",
        "email": "htx.dongthuy@example.vn",
        "website": None,
    },
    {
        "key": "lac-dao-food",
        "sector": "food",
        "name": "Công ty CP Thực phẩm Lạc Đạo",
        "kind": "company",
        "tax_code": "0901101111",
        "gln": "8935311000017",
        "address_line": "Khu công nghiệp Phố Nối A, lô B2",
        "ward_code": "11992",  # Xã Lạc Đạo
        "phone": "0221 3 980 455",
        "email": "lienhe@thucphamlacdao.example.vn",
        "website": None,
    },
    {
        "key": "phuc-an",
        "sector": "pharmaceuticals",
        "name": "Hộ kinh doanh Thuốc nam Phúc An",
        "kind": "household",
        "tax_code": "0901101212",
        "gln": "8935312000016",
        "address_line": "Thôn Nghĩa Trai",
        "ward_code": "11986",  # Xã Như Quỳnh
        "phone": "0221 3 986 730",
        "email": "thuocnam.phucan@example.vn",
        "website": None,
    },
]
