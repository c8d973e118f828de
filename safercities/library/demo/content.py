"""Words for the demo resources: topics and title/summary templates in eleven languages.

Every resource built from these is invented and labelled as demo content. Templates use
``{topic}`` (a noun phrase), ``{Topic}`` (the same, capitalised) and ``{city}``.
"""

from safercities.library.demo.content_more import MORE_LANGUAGES

# key, theme slugs, resource type when it is a "guide"
TOPICS = [
    ("safety-audits", ["womens-safety", "safety-planning"], "tool"),
    ("street-lighting", ["street-lighting", "cpted"], "guide"),
    ("slum-upgrading", ["slum-upgrading", "urban-poverty"], "guide"),
    ("youth", ["youth"], "guide"),
    ("community-policing", ["policing"], "guide"),
    ("domestic-violence", ["domestic-violence", "womens-safety"], "guide"),
    ("cpted", ["cpted", "safety-planning"], "guide"),
    ("transport", ["public-transport", "womens-safety"], "guide"),
    ("victimization-survey", ["victimization-survey"], "tool"),
    ("un-guidelines", ["un-guidelines", "safety-planning"], "policy"),
    ("land-tenure", ["land-tenure", "slum-upgrading"], "guide"),
    ("urban-poverty", ["urban-poverty"], "guide"),
    ("safety-planning", ["safety-planning"], "guide"),
    ("drugs", ["drugs", "youth"], "guide"),
]
KINDS = ["guide", "case_study", "training", "research"]
AUDIENCE = {
    "guide": ["local_government", "community"],
    "case_study": ["local_government", "civil_society", "community"],
    "training": ["trainers", "local_government"],
    "research": ["researchers", "local_government"],
}

# language: country, [(city slug, city name in that language)], demo note, topics, templates
LANGUAGES = {
    "en": {
        "country": None,
        "cities": [
            ("bangkok", "Bangkok"),
            ("phnom-penh", "Phnom Penh"),
            ("hanoi", "Hanoi"),
            ("jakarta", "Jakarta"),
            ("quezon-city", "Quezon City"),
            ("dhaka", "Dhaka"),
        ],
        "note": "Demo content: this text was invented to demonstrate the Hub.",
        "topics": [
            "women's safety audits",
            "street lighting in informal settlements",
            "slum upgrading and safety",
            "youth at risk and youth inclusion",
            "community policing",
            "preventing domestic violence",
            "crime prevention through environmental design (CPTED)",
            "safe public transport for women and girls",
            "victimization surveys",
            "the UN Guidelines for the Prevention of Crime",
            "land tenure security",
            "urban poverty and crime prevention",
            "local safety planning",
            "drug prevention in poor neighbourhoods",
        ],
        "guide": (
            "{Topic}: a practical guide for local governments",
            "Step-by-step guidance on {topic} for municipal officers and community organisations, with checklists and examples from Asian cities.",
        ),
        "case_study": (
            "{Topic} in {city}: a case study",
            "How {city} worked with residents of informal settlements on {topic}: what was done, who took part, what changed and what it cost.",
        ),
        "training": (
            "Training module: {topic}",
            "A one-day training module on {topic}, with exercises, a facilitator's guide and handouts for participants.",
        ),
        "research": (
            "{Topic}: evidence review and recommendations",
            "A review of research on {topic} in Asian cities, with recommendations for local action.",
        ),
    },
    "th": {
        "country": "TH",
        "cities": [("bangkok", "กรุงเทพมหานคร"), ("chiang-mai", "เชียงใหม่")],
        "note": "เนื้อหาตัวอย่าง: ข้อความนี้จัดทำขึ้นเพื่อสาธิตการใช้งานเท่านั้น",
        "topics": [
            "การตรวจสอบความปลอดภัยโดยผู้หญิง",
            "ไฟส่องสว่างสาธารณะในชุมชนแออัด",
            "การปรับปรุงชุมชนแออัดเพื่อความปลอดภัย",
            "เยาวชนกลุ่มเสี่ยงและการมีส่วนร่วมของเยาวชน",
            "ตำรวจชุมชน",
            "การป้องกันความรุนแรงในครอบครัว",
            "การป้องกันอาชญากรรมด้วยการออกแบบสภาพแวดล้อม (CPTED)",
            "ขนส่งสาธารณะที่ปลอดภัยสำหรับผู้หญิงและเด็กหญิง",
            "การสำรวจเหยื่ออาชญากรรม",
            "แนวทางของสหประชาชาติว่าด้วยการป้องกันอาชญากรรม",
            "ความมั่นคงในการถือครองที่ดิน",
            "ความยากจนในเมืองและการป้องกันอาชญากรรม",
            "การวางแผนความปลอดภัยระดับท้องถิ่น",
            "การป้องกันยาเสพติดในชุมชนยากจน",
        ],
        "guide": (
            "{topic}: คู่มือปฏิบัติสำหรับองค์กรปกครองส่วนท้องถิ่น",
            "แนวทางทีละขั้นตอนเรื่อง{topic} สำหรับเจ้าหน้าที่เทศบาลและองค์กรชุมชน พร้อมรายการตรวจสอบและตัวอย่างจากเมืองในเอเชีย",
        ),
        "case_study": (
            "{topic}ใน{city}: กรณีศึกษา",
            "{city}ทำงานร่วมกับผู้อยู่อาศัยในชุมชนแออัดเรื่อง{topic}อย่างไร ทำอะไรไปบ้าง ใครมีส่วนร่วม อะไรเปลี่ยนแปลง และใช้งบประมาณเท่าใด",
        ),
        "training": (
            "หลักสูตรฝึกอบรม: {topic}",
            "หลักสูตรฝึกอบรมหนึ่งวันเรื่อง{topic} พร้อมแบบฝึกหัด คู่มือวิทยากร และเอกสารประกอบสำหรับผู้เข้าอบรม",
        ),
        "research": (
            "{topic}: การทบทวนหลักฐานและข้อเสนอแนะ",
            "การทบทวนงานวิจัยเรื่อง{topic}ในเมืองต่างๆ ของเอเชีย พร้อมข้อเสนอแนะสำหรับการดำเนินงานในระดับท้องถิ่น",
        ),
    },
    "km": {
        "country": "KH",
        "cities": [("phnom-penh", "ភ្នំពេញ"), ("battambang", "បាត់ដំបង")],
        "note": "ខ្លឹមសារគំរូ៖ អត្ថបទនេះត្រូវបានរៀបចំឡើងសម្រាប់ការបង្ហាញតែប៉ុណ្ណោះ។",
        "topics": [
            "ការវាយតម្លៃសុវត្ថិភាពដោយស្ត្រី",
            "ភ្លើងបំភ្លឺផ្លូវនៅក្នុងសហគមន៍ក្រីក្រ",
            "ការកែលម្អសហគមន៍ក្រីក្រ និងសុវត្ថិភាព",
            "យុវជនប្រឈមនឹងហានិភ័យ និងការចូលរួមរបស់យុវជន",
            "ប៉ូលិសសហគមន៍",
            "ការបង្ការអំពើហិង្សាក្នុងគ្រួសារ",
            "ការបង្ការឧក្រិដ្ឋកម្មតាមរយៈការរចនាបរិស្ថាន (CPTED)",
            "ការដឹកជញ្ជូនសាធារណៈប្រកបដោយសុវត្ថិភាពសម្រាប់ស្ត្រី និងក្មេងស្រី",
            "ការស្ទង់មតិជនរងគ្រោះនៃឧក្រិដ្ឋកម្ម",
            "គោលការណ៍ណែនាំរបស់អង្គការសហប្រជាជាតិស្តីពីការបង្ការឧក្រិដ្ឋកម្ម",
            "សន្តិសុខនៃការកាន់កាប់ដីធ្លី",
            "ភាពក្រីក្រក្នុងទីក្រុង និងការបង្ការឧក្រិដ្ឋកម្ម",
            "ផែនការសុវត្ថិភាពថ្នាក់មូលដ្ឋាន",
            "ការបង្ការគ្រឿងញៀននៅក្នុងសហគមន៍ក្រីក្រ",
        ],
        "guide": (
            "{topic}៖ សៀវភៅណែនាំជាក់ស្តែងសម្រាប់រដ្ឋបាលថ្នាក់ក្រោមជាតិ",
            "ការណែនាំមួយជំហានម្តងៗអំពី{topic} សម្រាប់មន្ត្រីសាលាក្រុង និងអង្គការសហគមន៍ ព្រមទាំងបញ្ជីត្រួតពិនិត្យ និងឧទាហរណ៍ពីទីក្រុងនានានៅអាស៊ី។",
        ),
        "case_study": (
            "{topic}នៅ{city}៖ ករណីសិក្សា",
            "របៀបដែល{city}បានធ្វើការជាមួយប្រជាពលរដ្ឋនៅក្នុងសហគមន៍ក្រីក្រលើ{topic}៖ អ្វីដែលបានធ្វើ អ្នកណាបានចូលរួម អ្វីដែលបានផ្លាស់ប្តូរ និងការចំណាយ។",
        ),
        "training": (
            "វគ្គបណ្តុះបណ្តាល៖ {topic}",
            "វគ្គបណ្តុះបណ្តាលរយៈពេលមួយថ្ងៃអំពី{topic} រួមមានលំហាត់ សៀវភៅណែនាំសម្រាប់គ្រូឧទ្ទេស និងឯកសារសម្រាប់អ្នកចូលរួម។",
        ),
        "research": (
            "{topic}៖ ការពិនិត្យភស្តុតាង និងអនុសាសន៍",
            "ការពិនិត្យឡើងវិញលើការស្រាវជ្រាវអំពី{topic}នៅក្នុងទីក្រុងនានានៅអាស៊ី ព្រមទាំងអនុសាសន៍សម្រាប់សកម្មភាពថ្នាក់មូលដ្ឋាន។",
        ),
    },
    "vi": {
        "country": "VN",
        "cities": [("hanoi", "Hà Nội"), ("ho-chi-minh-city", "Thành phố Hồ Chí Minh")],
        "note": "Nội dung minh họa: văn bản này được soạn chỉ để trình diễn.",
        "topics": [
            "đánh giá an toàn do phụ nữ thực hiện",
            "chiếu sáng đường phố tại các khu định cư phi chính thức",
            "nâng cấp khu nhà ổ chuột và an toàn đô thị",
            "thanh thiếu niên có nguy cơ và sự hòa nhập của thanh thiếu niên",
            "cảnh sát cộng đồng",
            "phòng chống bạo lực gia đình",
            "phòng ngừa tội phạm thông qua thiết kế môi trường (CPTED)",
            "giao thông công cộng an toàn cho phụ nữ và trẻ em gái",
            "điều tra nạn nhân tội phạm",
            "Hướng dẫn của Liên Hợp Quốc về phòng ngừa tội phạm",
            "bảo đảm quyền sử dụng đất ổn định",
            "nghèo đô thị và phòng ngừa tội phạm",
            "lập kế hoạch an toàn ở cấp địa phương",
            "phòng chống ma túy tại các khu dân cư nghèo",
        ],
        "guide": (
            "{Topic}: hướng dẫn thực hành cho chính quyền địa phương",
            "Hướng dẫn từng bước về {topic} dành cho cán bộ đô thị và các tổ chức cộng đồng, kèm danh mục kiểm tra và ví dụ từ các thành phố châu Á.",
        ),
        "case_study": (
            "{Topic} tại {city}: nghiên cứu điển hình",
            "{city} đã phối hợp với người dân các khu định cư phi chính thức về {topic} như thế nào: những gì đã làm, ai tham gia, điều gì thay đổi và chi phí ra sao.",
        ),
        "training": (
            "Học phần tập huấn: {topic}",
            "Học phần tập huấn một ngày về {topic}, gồm bài tập, hướng dẫn cho giảng viên và tài liệu phát tay cho học viên.",
        ),
        "research": (
            "{Topic}: tổng quan bằng chứng và khuyến nghị",
            "Tổng quan các nghiên cứu về {topic} tại các thành phố châu Á, kèm khuyến nghị cho hành động ở địa phương.",
        ),
    },
    "id": {
        "country": "ID",
        "cities": [("jakarta", "Jakarta"), ("surabaya", "Surabaya")],
        "note": "Konten demo: teks ini dibuat hanya untuk demonstrasi.",
        "topics": [
            "audit keselamatan perempuan",
            "penerangan jalan di permukiman informal",
            "peningkatan kualitas permukiman kumuh dan keamanan",
            "remaja berisiko dan pelibatan remaja",
            "pemolisian masyarakat",
            "pencegahan kekerasan dalam rumah tangga",
            "pencegahan kejahatan melalui desain lingkungan (CPTED)",
            "transportasi umum yang aman bagi perempuan dan anak perempuan",
            "survei korban kejahatan",
            "Pedoman PBB tentang Pencegahan Kejahatan",
            "kepastian hak atas tanah",
            "kemiskinan perkotaan dan pencegahan kejahatan",
            "perencanaan keamanan tingkat lokal",
            "pencegahan narkoba di permukiman miskin",
        ],
        "guide": (
            "{Topic}: panduan praktis untuk pemerintah daerah",
            "Panduan langkah demi langkah tentang {topic} bagi aparatur kota dan organisasi masyarakat, dilengkapi daftar periksa dan contoh dari kota-kota di Asia.",
        ),
        "case_study": (
            "{Topic} di {city}: studi kasus",
            "Bagaimana {city} bekerja sama dengan warga permukiman informal dalam {topic}: apa yang dilakukan, siapa yang terlibat, apa yang berubah, dan berapa biayanya.",
        ),
        "training": (
            "Modul pelatihan: {topic}",
            "Modul pelatihan satu hari tentang {topic}, dengan latihan, panduan fasilitator, dan bahan bacaan untuk peserta.",
        ),
        "research": (
            "{Topic}: tinjauan bukti dan rekomendasi",
            "Tinjauan penelitian tentang {topic} di kota-kota Asia, dengan rekomendasi untuk tindakan di tingkat lokal.",
        ),
    },
    "fil": {
        "country": "PH",
        "cities": [("quezon-city", "Lungsod Quezon")],
        "note": "Demo na nilalaman: ang tekstong ito ay ginawa para lamang sa pagpapakita.",
        "topics": [
            "pagsusuri ng kaligtasan ng kababaihan",
            "ilaw sa kalye sa mga impormal na pamayanan",
            "pagsasaayos ng mga maralitang komunidad at kaligtasan",
            "mga kabataang nanganganib at pakikilahok ng kabataan",
            "pulisyang nakabatay sa komunidad",
            "pag-iwas sa karahasan sa tahanan",
            "pag-iwas sa krimen sa pamamagitan ng disenyo ng kapaligiran (CPTED)",
            "ligtas na pampublikong transportasyon para sa kababaihan at kabataang babae",
            "mga sarbey sa mga biktima ng krimen",
            "mga Alituntunin ng UN sa Pag-iwas sa Krimen",
            "katiyakan ng karapatan sa lupa",
            "kahirapan sa lungsod at pag-iwas sa krimen",
            "lokal na pagpaplano para sa kaligtasan",
            "pag-iwas sa droga sa mga maralitang komunidad",
        ],
        "guide": (
            "{Topic}: praktikal na gabay para sa mga lokal na pamahalaan",
            "Sunud-sunod na gabay tungkol sa {topic} para sa mga kawani ng lungsod at mga organisasyong pangkomunidad, may mga checklist at halimbawa mula sa mga lungsod sa Asya.",
        ),
        "case_study": (
            "{Topic} sa {city}: isang case study",
            "Paano nakipagtulungan ang {city} sa mga residente ng impormal na pamayanan sa {topic}: ano ang ginawa, sino ang lumahok, ano ang nagbago, at magkano ang ginastos.",
        ),
        "training": (
            "Modyul ng pagsasanay: {topic}",
            "Isang araw na modyul ng pagsasanay tungkol sa {topic}, may mga ehersisyo, gabay para sa facilitator, at babasahin para sa mga kalahok.",
        ),
        "research": (
            "{Topic}: pagsusuri ng ebidensya at mga rekomendasyon",
            "Pagsusuri ng mga pananaliksik tungkol sa {topic} sa mga lungsod sa Asya, may mga rekomendasyon para sa lokal na pagkilos.",
        ),
    },
    **MORE_LANGUAGES,
}

# English-only items of the remaining types: ref suffix, type, title, summary, themes, city
EXTRAS = [
    (
        "video-1",
        "video",
        "Video: a night-time safety walk in Khlong Toei",
        "Twelve minutes with a group of women walking their route home after dark, noting lighting, openness and where help is.",
        ["womens-safety"],
        "bangkok",
    ),
    (
        "video-2",
        "video",
        "Video: youth mappers in Dhaka show their neighbourhood",
        "Young residents of an informal settlement explain the map of safe and unsafe places they drew with their ward office.",
        ["youth"],
        "dhaka",
    ),
    (
        "dataset-1",
        "dataset",
        "Dataset: street-light outages reported by residents, Quezon City 2023",
        "One row per report: barangay, date, location rounded to 100 m and repair date. Invented figures for the demo.",
        ["street-lighting"],
        "quezon-city",
    ),
    (
        "dataset-2",
        "dataset",
        "Dataset: victimization survey results, Phnom Penh informal settlements (anonymised)",
        "Prevalence of theft, burglary, robbery and assault over twelve months, by sex and age group, with cells under five suppressed.",
        ["victimization-survey"],
        "phnom-penh",
    ),
    (
        "news-1",
        "news",
        "News: ten cities join a regional network on safer public spaces",
        "Mayors and community leaders agreed to share audit results and action plans through the Hub.",
        ["safety-planning"],
        None,
    ),
    (
        "news-2",
        "news",
        "News: women's safety audit toolkit now available in five languages",
        "The checklist, the facilitator's notes and the reporting form can be downloaded in English, Thai, Khmer, Vietnamese and Bahasa Indonesia.",
        ["womens-safety"],
        None,
    ),
]

# Submissions from the demo member waiting in the review queue (or sent back).
SUBMISSIONS = [
    (
        "demo-sub-001",
        "submitted",
        "th",
        "case_study",
        "การเดินสำรวจความปลอดภัยยามค่ำคืนในชุมชนคลองเตย",
        "กลุ่มผู้หญิงในชุมชนเดินสำรวจเส้นทางกลับบ้านหลังมืด และจดจุดที่มืดหรือเปลี่ยว",
        ["womens-safety", "street-lighting"],
        "bangkok",
        "",
    ),
    (
        "demo-sub-002",
        "submitted",
        "en",
        "tool",
        "Checklist for a market safety walk",
        "A one-page checklist for walking a wet market with vendors at closing time.",
        ["womens-safety", "cpted"],
        "bangkok",
        "",
    ),
    (
        "demo-sub-003",
        "changes_requested",
        "en",
        "guide",
        "Organising a youth football night league",
        "How a community group ran evening football matches to give young people a safe place to meet.",
        ["youth"],
        "bangkok",
        "Please add the year, who paid for the lights and what the police liaison officer did.",
    ),
]

# slug, title, description, topic keys, languages
COLLECTIONS = [
    (
        "starter-kit-womens-safety-audits",
        "Starter kit: women's safety audits",
        "Everything a city team needs to organise its first safety walks with women: the method, lighting and transport, and examples from the region.",
        ["safety-audits", "transport", "street-lighting"],
        ["en", "th", "km"],
    ),
    (
        "working-with-informal-settlements",
        "Working with informal settlements",
        "Upgrading, land tenure and poverty: how safety work starts from the rights and needs of residents.",
        ["slum-upgrading", "land-tenure", "urban-poverty"],
        ["en", "id", "fil"],
    ),
    (
        "un-guidelines-in-practice",
        "The UN Guidelines in practice",
        "From the eight basic principles to a local safety plan, with victimization surveys to measure change.",
        ["un-guidelines", "safety-planning", "victimization-survey"],
        ["en", "vi", "hi"],
    ),
]
