"""Synthetic multilingual corpus for bench/search.py (deterministic for a given n and seed).

Each document has a primary language (English 30 %, Indonesian 15 %, Thai 15 %, Vietnamese
10 %, Chinese 10 %, Khmer 10 %, Hindi 10 %), a title of 6–10 words and a ~200-word summary:
core domain words of its language drawn from a Zipf distribution, a long tail of rarer words
(syllable-built words for Latin-script languages, place names and rarer words for the
others), and — in about a third of the documents — a multilingual keyword line (the way
regional resources are tagged), so that some words of every script occur in over 20 % of
documents. Facets: 8 types, 1–3 of 20 themes, 1–2 of 20 countries, year 2000–2025.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import accumulate


def _words(text: str) -> list[str]:
    return text.split()


CORE = {
    "en": _words(
        "safety women city street lighting public transport violence harassment community "
        "police urban space night girls security crime prevention walk audit survey "
        "report design informal settlement youth gender data mapping risk market station "
        "bus park toilet water services health response victims support programme "
        "training local government planning participation children elderly disability "
        "access road neighbourhood housing drainage flood fire emergency patrol camera "
        "reporting hotline shelter education school employment livelihood migrants "
        "workers vendors night-time economy infrastructure budget monitoring indicators "
        "evaluation baseline pilot intervention practice lessons partnership ngo network "
        "volunteers awareness campaign law policy justice court domestic abuse assault "
        "theft robbery fear perception trust dialogue mediation conflict pathway sidewalk "
        "crossing signage visibility maintenance waste sanitation electricity"
    ),
    "id": _words(
        "keamanan perempuan kota jalan penerangan transportasi umum kekerasan pelecehan "
        "masyarakat polisi ruang malam anak keselamatan kejahatan pencegahan survei "
        "laporan desain permukiman kumuh pemuda gender data pemetaan risiko pasar stasiun "
        "taman toilet air layanan kesehatan korban dukungan program pelatihan pemerintah "
        "daerah perencanaan partisipasi lansia disabilitas akses lingkungan perumahan "
        "drainase banjir kebakaran darurat patroli kamera pelaporan tempat penampungan "
        "pendidikan sekolah pekerjaan pedagang pekerja infrastruktur anggaran pemantauan "
        "indikator evaluasi percontohan praktik pelajaran kemitraan jaringan relawan "
        "kesadaran kampanye hukum kebijakan keadilan pengadilan rumah tangga penyerangan "
        "pencurian ketakutan persepsi"
    ),
    "vi": _words(
        "an toàn phụ nữ thành phố đường phố chiếu sáng giao thông công cộng bạo lực quấy "
        "rối cộng đồng công an không gian ban đêm trẻ em tội phạm phòng ngừa khảo sát báo "
        "cáo thiết kế khu dân cư thanh niên giới dữ liệu bản đồ rủi ro chợ bến xe công "
        "viên nhà vệ sinh nước dịch vụ sức khỏe nạn nhân hỗ trợ chương trình đào tạo "
        "chính quyền địa phương quy hoạch tham gia người cao tuổi khuyết tật tiếp cận hẻm "
        "ngập lụt cháy khẩn cấp tuần tra camera đường dây nóng giáo dục trường học việc "
        "làm người bán hàng rong lao động hạ tầng ngân sách giám sát chỉ số đánh giá thí "
        "điểm can thiệp bài học"
    ),
    "th": _words(
        "ความปลอดภัย ผู้หญิง เมือง ถนน ไฟส่องสว่าง ขนส่ง สาธารณะ ความรุนแรง การคุกคาม "
        "ชุมชน ตำรวจ พื้นที่ กลางคืน เด็ก อาชญากรรม การป้องกัน การสำรวจ รายงาน การออกแบบ "
        "ชุมชนแออัด เยาวชน เพศ ข้อมูล แผนที่ ความเสี่ยง ตลาด สถานี รถเมล์ สวนสาธารณะ "
        "ห้องน้ำ น้ำ บริการ สุขภาพ ผู้เสียหาย การสนับสนุน โครงการ การฝึกอบรม ท้องถิ่น "
        "รัฐบาล การวางแผน การมีส่วนร่วม ผู้สูงอายุ คนพิการ การเข้าถึง ซอย ที่อยู่อาศัย "
        "น้ำท่วม ไฟไหม้ ฉุกเฉิน ลาดตระเวน กล้อง สายด่วน ที่พักพิง การศึกษา โรงเรียน อาชีพ "
        "แรงงาน แม่ค้า โครงสร้างพื้นฐาน งบประมาณ การติดตาม ตัวชี้วัด การประเมิน นำร่อง "
        "บทเรียน"
    ),
    "zh": _words(
        "安全 妇女 城市 街道 照明 公共 交通 暴力 骚扰 社区 警察 空间 夜间 "
        "儿童 犯罪 预防 调查 报告 设计 非正式 住区 青年 性别 数据 地图 风险 "
        "市场 车站 公园 厕所 供水 服务 健康 受害者 支持 项目 培训 地方 政府 "
        "规划 参与 老年人 残疾人 无障碍 道路 住房 排水 洪水 火灾 应急 巡逻 "
        "摄像头 热线 庇护所 教育 学校 就业 商贩 工人 基础设施 预算 监测 指标 "
        "评估 试点 干预 经验"
    ),
    "km": _words(
        "សុវត្ថិភាព ស្ត្រី ទីក្រុង ផ្លូវ ភ្លើងបំភ្លឺ ដឹកជញ្ជូន សាធារណៈ អំពើហិង្សា "
        "ការបៀតបៀន សហគមន៍ ប៉ូលីស ទីធ្លា យប់ កុមារ ឧក្រិដ្ឋកម្ម ការការពារ ការស្ទង់មតិ "
        "របាយការណ៍ ការរចនា យុវជន យេនឌ័រ ទិន្នន័យ ផែនទី ហានិភ័យ ផ្សារ ស្ថានីយ ឧទ្យាន "
        "បង្គន់ ទឹក សេវា សុខភាព ជនរងគ្រោះ ការគាំទ្រ កម្មវិធី វគ្គបណ្តុះបណ្តាល មូលដ្ឋាន "
        "រដ្ឋាភិបាល ផែនការ ការចូលរួម មនុស្សចាស់ ជនពិការ ទឹកជំនន់ អគ្គិភ័យ បន្ទាន់ ល្បាត "
        "កាមេរ៉ា ការអប់រំ សាលារៀន ការងារ កម្មករ ហេដ្ឋារចនាសម្ព័ន្ធ ថវិកា ការត្រួតពិនិត្យ "
        "សូចនាករ ការវាយតម្លៃ"
    ),
    "hi": _words(
        "सुरक्षा महिलाएं शहर सड़क रोशनी सार्वजनिक परिवहन हिंसा उत्पीड़न समुदाय पुलिस जगह "
        "रात बच्चे अपराध रोकथाम सर्वेक्षण रिपोर्ट डिज़ाइन बस्ती युवा लिंग आंकड़े नक्शा "
        "जोखिम बाज़ार स्टेशन पार्क शौचालय पानी सेवाएं स्वास्थ्य पीड़ित सहायता कार्यक्रम "
        "प्रशिक्षण स्थानीय सरकार योजना भागीदारी बुज़ुर्ग विकलांग पहुंच गली आवास नाली बाढ़ "
        "आग आपातकालीन गश्त कैमरा हेल्पलाइन आश्रय शिक्षा स्कूल रोज़गार विक्रेता मज़दूर "
        "बुनियादी ढांचा बजट निगरानी संकेतक मूल्यांकन पायलट हस्तक्षेप सबक"
    ),
}
PLACES = {
    "th": _words("คลองเตย ลาดพร้าว บางกะปิ ดินแดง ห้วยขวาง บางนา สาทร บางรัก พญาไท ดุสิต หนองจอก"),
    "zh": _words("昆明 成都 南宁 贵阳 兰州 西宁 银川 乌鲁木齐 拉萨 海口 三亚 桂林 柳州 大理"),
    "km": _words("ចំការមន ទួលគោក ដូនពេញ ប្រាំពីរមករា មានជ័យ ឫស្សីកែវ សែនសុខ ពោធិ៍សែនជ័យ"),
    "hi": _words("दिल्ली मुंबई कोलकाता चेन्नई बेंगलुरु हैदराबाद अहमदाबाद पुणे जयपुर लखनऊ कानपुर"),
}
KEYWORDS = {  # multilingual tags: one line of these in about a third of the documents
    "en": ["safety", "women", "lighting"],
    "th": ["ความปลอดภัย", "ผู้หญิง", "ไฟส่องสว่าง"],
    "zh": ["安全", "妇女", "照明"],
    "km": ["សុវត្ថិភាព", "ស្ត្រី", "ភ្លើងបំភ្លឺ"],
    "vi": ["an toàn", "phụ nữ", "chiếu sáng"],
    "id": ["keamanan", "perempuan", "penerangan"],
    "hi": ["सुरक्षा", "महिलाएं", "रोशनी"],
}
LANGUAGES = [("en", 30), ("id", 15), ("th", 15), ("vi", 10), ("zh", 10), ("km", 10), ("hi", 10)]
NO_SPACES = {"th", "zh", "km"}
TYPES = ["guide", "report", "toolkit", "policy", "study", "training", "video", "dataset"]
THEMES = [f"theme-{n:02d}" for n in range(20)]
COUNTRIES = _words("TH KH VN ID IN CN LA MM PH MY BD NP LK PK MN TL SG JP KR FJ")
_ONSETS = _words("b c d g h k l m n p r s t v ng tr ch kh ph th")
_NUCLEI = ["a", "e", "i", "o", "u", "ai", "ao", "ia", "ua", "ie"]
_CODAS = ["", "", "n", "ng", "m", "t", "k", "p", "r", "s"]
_SCRIPT_SYLLABLES = {  # onsets, vowels, finals of invented words
    "th": (
        _words("ก ข ค ง จ ช ซ ด ต ถ ท น บ ป ผ พ ฟ ม ย ร ล ว ส ห อ"),
        _words("า ิ ี ุ ู ะ ำ"),
        ["", *_words("น ม ง ก")],
    ),
    "km": (
        _words("ក ខ គ ង ច ឆ ជ ញ ដ ត ថ ទ ន ប ផ ព ម យ រ ល វ ស ហ អ"),
        _words("ា ិ ី ុ ូ ើ ោ"),
        ["", *_words("ន ម ង ក")],
    ),
    "hi": (
        _words("क ख ग च ज ट ड त थ द न प ब म य र ल व श स ह"),
        _words("ा ि ी ु ू े ो"),
        ["", *_words("न म र क")],
    ),
}
_VI_NUCLEI = _words("a ă â e ê i o ô ơ u ư y à á ả ã ạ ề ế ồ ố ờ ớ ừ ứ")


@dataclass
class Doc:
    object_id: int
    title: str
    text: str
    language: str
    type: str
    themes: list[str]
    countries: list[str]
    year: int


def _cum_zipf(n: int, s: float = 1.0) -> list[float]:
    return list(accumulate(1 / (rank**s) for rank in range(1, n + 1)))


def _tail_words(rng: random.Random, count: int, nuclei: list[str]) -> list[str]:
    words = set()
    while len(words) < count:
        syllables = rng.randint(2, 3)
        words.add(
            "".join(
                rng.choice(_ONSETS) + rng.choice(nuclei) + rng.choice(_CODAS)
                for _ in range(syllables)
            )
        )
    return sorted(words)


class Generator:
    def __init__(self, seed: int = 2024) -> None:
        self.rng = random.Random(seed)
        self.tails = {
            "en": _tail_words(self.rng, 20_000, _NUCLEI),
            "id": _tail_words(self.rng, 12_000, _NUCLEI),
            "vi": _tail_words(self.rng, 8_000, _VI_NUCLEI),
        }
        for lang, (onsets, vowels, finals) in _SCRIPT_SYLLABLES.items():
            words = {
                "".join(
                    self.rng.choice(onsets) + self.rng.choice(vowels) + self.rng.choice(finals)
                    for _ in range(2)
                )
                for _ in range(8000)
            }
            self.tails[lang] = CORE[lang][::-1] + PLACES[lang] + sorted(words)
        han = [chr(cp) for cp in range(0x4E00, 0x9FA6)]
        self.tails["zh"] = (
            CORE["zh"][::-1]
            + PLACES["zh"]
            + sorted({self.rng.choice(han) + self.rng.choice(han) for _ in range(8000)})
        )
        self.core_cum = {lang: _cum_zipf(len(words)) for lang, words in CORE.items()}
        self.tail_cum = {lang: _cum_zipf(len(words), 1.1) for lang, words in self.tails.items()}
        self.lang_choices = [code for code, _w in LANGUAGES]
        self.lang_cum = list(accumulate(w for _c, w in LANGUAGES))

    def _words(self, lang: str, k: int) -> list[str]:
        rng = self.rng
        core = rng.choices(CORE[lang], cum_weights=self.core_cum[lang], k=k)
        for i in range(0, k, 10):  # one word in ten from the long tail
            core[i] = rng.choices(self.tails[lang], cum_weights=self.tail_cum[lang])[0]
        return core

    def _join(self, lang: str, words: list[str]) -> str:
        if lang not in NO_SPACES:
            return " ".join(words)
        phrases, i = [], 0
        while i < len(words):
            n = self.rng.randint(3, 6)
            phrases.append("".join(words[i : i + n]))
            i += n
        return " ".join(phrases)

    def doc(self, object_id: int) -> Doc:
        rng = self.rng
        lang = rng.choices(self.lang_choices, cum_weights=self.lang_cum)[0]
        title = self._join(lang, self._words(lang, rng.randint(6, 10)))
        text = self._join(lang, self._words(lang, rng.randint(180, 220)))
        if rng.random() < 0.35:
            tags = [KEYWORDS[code][rng.randrange(3)] for code in KEYWORDS]
            tags += [KEYWORDS[code][0] for code in KEYWORDS]
            text += "\n" + " · ".join(tags)
        themes = sorted(rng.sample(THEMES, rng.randint(1, 3)))
        countries = sorted(rng.sample(COUNTRIES, rng.randint(1, 2)))
        return Doc(
            object_id, title, text, lang, rng.choice(TYPES), themes, countries,
            rng.randint(2000, 2025),
        )  # fmt: skip


def corpus(n: int, seed: int = 2024):
    generator = Generator(seed)
    for object_id in range(1, n + 1):
        yield generator.doc(object_id)
