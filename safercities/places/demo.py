"""Demo places: real Asia-Pacific cities with districts and informal settlements.

Districts are real; settlement names are partly real places, partly invented; every
population figure and outline is invented for the demo.
"""

import math

from safercities.places.models import City, District, InformalSettlement

# slug, name, local name, local language, country, population, lat, lon, pilot,
# [districts], [(settlement, district index, population, dlat, dlon)]
CITIES = [
    ("bangkok", "Bangkok", "กรุงเทพมหานคร", "th", "TH", 10_500_000, 13.7563, 100.5018, True,
     ["Khlong Toei", "Bang Kapi", "Din Daeng", "Huai Khwang"],
     [("Khlong Toei Port Community", 0, 90_000, -0.045, 0.055), ("Bang Kapi Canal Side", 1, 12_000, 0.01, 0.14),
      ("Din Daeng Flats Edge", 2, 8_500, 0.02, 0.05)]),
    ("chiang-mai", "Chiang Mai", "เชียงใหม่", "th", "TH", 1_200_000, 18.7883, 98.9853, False,
     ["Mueang Chiang Mai", "San Sai", "Hang Dong"],
     [("Ping Riverbank Settlement", 0, 3_200, -0.01, 0.005), ("San Sai Migrant Camp", 1, 2_100, 0.06, 0.02)]),
    ("phnom-penh", "Phnom Penh", "ភ្នំពេញ", "km", "KH", 2_300_000, 11.5564, 104.9282, True,
     ["Chamkar Mon", "Daun Penh", "Mean Chey", "Russey Keo"],
     [("Boeung Trabek Riverside", 0, 6_000, -0.02, 0.01), ("Steung Meanchey Community", 2, 14_000, -0.04, -0.01),
      ("Russey Keo Railway Line", 3, 5_500, 0.05, -0.005)]),
    ("battambang", "Battambang", "បាត់ដំបង", "km", "KH", 250_000, 13.0957, 103.2022, False,
     ["Svay Pao", "Rattanak"], [("Sangker Riverbank", 0, 2_400, 0.005, 0.004)]),
    ("hanoi", "Hanoi", "Hà Nội", "vi", "VN", 8_400_000, 21.0278, 105.8342, True,
     ["Hoàn Kiếm", "Đống Đa", "Long Biên", "Hoàng Mai"],
     [("Phúc Tân Riverside", 0, 7_000, 0.01, 0.02), ("Long Biên Bridge Settlement", 2, 3_800, 0.02, 0.03),
      ("Hoàng Mai Lowland", 3, 4_500, -0.04, 0.01)]),
    ("ho-chi-minh-city", "Ho Chi Minh City", "Thành phố Hồ Chí Minh", "vi", "VN", 9_300_000, 10.8231, 106.6297, False,
     ["District 4", "District 8", "Bình Thạnh"],
     [("Kênh Đôi Canal Houses", 1, 11_000, -0.05, -0.01), ("Thanh Đa Peninsula", 2, 6_200, 0.04, 0.05)]),
    ("jakarta", "Jakarta", "Jakarta", "id", "ID", 10_600_000, -6.2088, 106.8456, True,
     ["Penjaringan", "Tanah Abang", "Cilincing", "Kampung Melayu"],
     [("Kampung Akuarium", 0, 4_000, 0.08, -0.04), ("Tanah Abang Market Fringe", 1, 9_500, 0.02, -0.03),
      ("Cilincing Fishing Kampung", 2, 15_000, 0.1, 0.1)]),
    ("surabaya", "Surabaya", "Surabaya", "id", "ID", 2_900_000, -7.2575, 112.7521, False,
     ["Krembangan", "Tambaksari"], [("Kampung Krembangan Riverside", 0, 5_400, 0.03, -0.02)]),
    ("quezon-city", "Quezon City", "Lungsod Quezon", "fil", "PH", 2_960_000, 14.6760, 121.0437, True,
     ["Payatas", "Bagong Silangan", "Commonwealth", "Tatalon"],
     [("Payatas Dumpsite Community", 0, 35_000, 0.04, 0.06), ("Tatalon Estate", 3, 22_000, -0.05, -0.02),
      ("Commonwealth Creekside", 2, 9_000, 0.03, 0.04)]),
    ("dhaka", "Dhaka", "ঢাকা", "bn", "BD", 10_300_000, 23.8103, 90.4125, True,
     ["Mirpur", "Mohakhali", "Kamrangirchar", "Lalbagh"],
     [("Korail Basti", 1, 80_000, 0.0, 0.01), ("Kamrangirchar Riverbank", 2, 60_000, -0.07, -0.05),
      ("Mirpur Bihari Camp", 0, 25_000, 0.07, -0.05)]),
    ("kathmandu", "Kathmandu", "काठमाडौं", "ne", "NP", 1_500_000, 27.7172, 85.3240, False,
     ["Ward 6 Boudha", "Ward 11 Thapathali", "Ward 16 Balaju"],
     [("Thapathali Riverside Squatters", 1, 2_500, -0.02, 0.0), ("Balaju Bishnumati Bank", 2, 1_900, 0.03, -0.02)]),
    ("delhi", "Delhi", "दिल्ली", "hi", "IN", 16_800_000, 28.7041, 77.1025, False,
     ["Shahdara", "South Delhi", "North West Delhi"],
     [("Yamuna Pushta Settlement", 0, 40_000, 0.0, 0.15), ("Sangam Vihar Blocks", 1, 95_000, -0.19, 0.14)]),
    ("vientiane", "Vientiane", "ວຽງຈັນ", "lo", "LA", 950_000, 17.9757, 102.6331, False,
     ["Chanthabouly", "Sikhottabong", "Xaysetha"], [("Mekong Riverside Houses", 1, 1_800, -0.01, -0.03)]),
    ("yangon", "Yangon", "ရန်ကုန်", "my", "MM", 5_200_000, 16.8409, 96.1735, False,
     ["Hlaingthaya", "Dagon Seikkan", "Shwepyithar"],
     [("Hlaingthaya Hut Cluster", 0, 48_000, 0.03, -0.12), ("Dagon Seikkan Edge", 1, 12_000, 0.0, 0.13)]),
]  # fmt: skip


def _square(lat: float, lon: float, population: int) -> dict:
    """An invented square outline whose area grows with the population."""
    half = min(0.012, 0.0008 * math.sqrt(population / 1000))
    ring = [
        [round(lon - half, 6), round(lat - half, 6)],
        [round(lon + half, 6), round(lat - half, 6)],
        [round(lon + half, 6), round(lat + half, 6)],
        [round(lon - half, 6), round(lat + half, 6)],
        [round(lon - half, 6), round(lat - half, 6)],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def load(out) -> None:
    for row in CITIES:
        slug, name, local, lang, country, population, lat, lon, pilot, districts, settlements = row
        city, _ = City.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "local_name": local if local != name else "",
                "local_name_language": lang if local != name else "",
                "country_id": country,
                "population": population,
                "latitude": lat,
                "longitude": lon,
                "is_pilot": pilot,
            },
        )
        district_objects = [
            District.objects.get_or_create(city=city, name=district)[0] for district in districts
        ]
        for settlement, district_index, people, dlat, dlon in settlements:
            s_lat, s_lon = round(lat + dlat, 6), round(lon + dlon, 6)
            InformalSettlement.objects.update_or_create(
                city=city,
                name=settlement,
                defaults={
                    "district": district_objects[district_index],
                    "estimated_population": people,
                    "latitude": s_lat,
                    "longitude": s_lon,
                    "outline": _square(s_lat, s_lon, people),
                },
            )
    out.write(f"places: {len(CITIES)} demo cities with districts and informal settlements\n")
