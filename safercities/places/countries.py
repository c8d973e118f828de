"""Asia-Pacific countries and territories (ISO 3166-1 alpha-2) seeded on migration.

Membership follows UN-ESCAP's members and associate members in the region.
"""

ASIA_PACIFIC_COUNTRIES = [
    ("AF", "Afghanistan"), ("AS", "American Samoa"), ("AU", "Australia"), ("BD", "Bangladesh"),
    ("BT", "Bhutan"), ("BN", "Brunei Darussalam"), ("KH", "Cambodia"), ("CN", "China"),
    ("CK", "Cook Islands"), ("KP", "Democratic People's Republic of Korea"), ("FJ", "Fiji"),
    ("PF", "French Polynesia"), ("GU", "Guam"), ("HK", "Hong Kong, China"), ("IN", "India"),
    ("ID", "Indonesia"), ("IR", "Iran"), ("JP", "Japan"), ("KZ", "Kazakhstan"),
    ("KI", "Kiribati"), ("KG", "Kyrgyzstan"), ("LA", "Lao People's Democratic Republic"),
    ("MO", "Macao, China"), ("MY", "Malaysia"), ("MV", "Maldives"), ("MH", "Marshall Islands"),
    ("FM", "Micronesia"), ("MN", "Mongolia"), ("MM", "Myanmar"), ("NR", "Nauru"),
    ("NP", "Nepal"), ("NC", "New Caledonia"), ("NZ", "New Zealand"), ("NU", "Niue"),
    ("MP", "Northern Mariana Islands"), ("PK", "Pakistan"), ("PW", "Palau"),
    ("PG", "Papua New Guinea"), ("PH", "Philippines"), ("KR", "Republic of Korea"),
    ("WS", "Samoa"), ("SG", "Singapore"), ("SB", "Solomon Islands"), ("LK", "Sri Lanka"),
    ("TJ", "Tajikistan"), ("TH", "Thailand"), ("TL", "Timor-Leste"), ("TO", "Tonga"),
    ("TM", "Turkmenistan"), ("TV", "Tuvalu"), ("UZ", "Uzbekistan"), ("VU", "Vanuatu"),
    ("VN", "Viet Nam"),
]  # fmt: skip
