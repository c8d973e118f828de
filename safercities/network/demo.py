"""Demo discussions in seven languages, spaces of every visibility and a few invented
practitioners. Every person, organisation and story here is invented. Loading twice changes
nothing: spaces key on their slug, people on their email, threads on space and title."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from safercities.accounts.demo import DEMO_PASSWORD
from safercities.accounts.models import Organisation, User
from safercities.library.markup import render_markdown
from safercities.network.enums import PostStatus, SpaceKind, ThreadKind, Visibility
from safercities.network.models import (
    AcceptedAnswer,
    NetworkProfile,
    Post,
    PostTranslation,
    Space,
    SpaceMembership,
    Thread,
)
from safercities.places.models import City
from safercities.taxonomy.models import Theme

# slug, name, kind, visibility, theme, country, city
SPACES = [
    ("womens-safety", "Women's safety", SpaceKind.THEME, Visibility.PUBLIC, "womens-safety", None, None),
    ("street-lighting", "Street lighting", SpaceKind.THEME, Visibility.PUBLIC, "street-lighting", None, None),
    ("youth", "Youth and prevention", SpaceKind.THEME, Visibility.PUBLIC, "youth", None, None),
    ("slum-upgrading", "Informal settlements and upgrading", SpaceKind.THEME, Visibility.PUBLIC, "slum-upgrading", None, None),
    ("thailand", "Thailand", SpaceKind.COUNTRY, Visibility.PUBLIC, None, "TH", None),
    ("cambodia", "Cambodia", SpaceKind.COUNTRY, Visibility.PUBLIC, None, "KH", None),
    ("viet-nam", "Viet Nam", SpaceKind.COUNTRY, Visibility.PUBLIC, None, "VN", None),
    ("indonesia", "Indonesia", SpaceKind.COUNTRY, Visibility.PUBLIC, None, "ID", None),
    ("members-lounge", "Members' lounge", SpaceKind.GENERAL, Visibility.MEMBERS, None, None, None),
    ("phnom-penh-team", "Phnom Penh city team", SpaceKind.CITY, Visibility.CITY_TEAM, None, "KH", "phnom-penh"),
    ("tot-cohort-2026", "Training of trainers, cohort 2026 (demo)", SpaceKind.COHORT, Visibility.COHORT, "un-guidelines", None, None),
]  # fmt: skip

# email, name, organisation slug, city, languages, themes
PEOPLE = [
    ("sokha@demo.safercities.invalid", "Sokha Demo-Practitioner", "urban-safety-lab", "phnom-penh", ["km", "en"], ["street-lighting", "womens-safety"]),
    ("lan@demo.safercities.invalid", "Lan Demo-Officer", "ministry-interior-demo", "hanoi", ["vi", "en"], ["youth", "safety-planning"]),
    ("siti@demo.safercities.invalid", "Siti Demo-Planner", "safe-streets-asia", "jakarta", ["id", "en"], ["slum-upgrading", "cpted"]),
    ("wei@demo.safercities.invalid", "Wei Demo-Researcher", "regional-cities-network", "bangkok", ["zh-Hans", "en", "th"], ["public-transport", "street-lighting"]),
    ("rina@demo.safercities.invalid", "Rina Demo-Organiser", "korail-youth-forum", "dhaka", ["bn", "en"], ["youth", "womens-safety"]),
]  # fmt: skip

# space, author email, language, kind, title, body, replies [(author, language, body, accepted note)]
THREADS = [
    ("street-lighting", "team.phnompenh@demo.safercities.invalid", "km", ThreadKind.QUESTION,
     "តើយើងគួរបំភ្លឺផ្លូវតូចៗនៅជុំវិញផ្សាររាត្រីយ៉ាងដូចម្តេច?",
     "អ្នកលក់ស្ត្រីនៅផ្សាររាត្រីនិយាយថា ផ្លូវតូចៗងងឹតណាស់បន្ទាប់ពីម៉ោង ៩ យប់។ "
     "តើទីក្រុងណាមួយបានសាកល្បងអំពូលពន្លឺព្រះអាទិត្យ ឬវិធីផ្សេងទៀតហើយឬនៅ?",
     [("sokha@demo.safercities.invalid", "km",
       "នៅសង្កាត់យើង យើងបានដំឡើងអំពូល LED ពន្លឺព្រះអាទិត្យ ៤០ នៅលើបង្គោលចាស់ៗ ដោយមានក្រុមអ្នកលក់ជួយថែទាំ។ "
       "**សំខាន់**៖ ដើរស្ទង់មតិជាមួយស្ត្រីមុនពេលជ្រើសទីតាំង។",
       "Phnom Penh night market lanes, 2024: 40 solar LED lamps maintained by vendors")]),
    ("womens-safety", "member@demo.safercities.invalid", "th", ThreadKind.DISCUSSION,
     "เดินสำรวจความปลอดภัยกับผู้หญิงในชุมชนคลองเตย: บทเรียนที่ได้",
     "เราเดินสำรวจ 3 เส้นทางก่อนมืดและหลังมืด มีเจ้าหน้าที่เขตและผู้นำชุมชนร่วมด้วย "
     "สิ่งที่ผู้หญิงกังวลมากที่สุดคือทางเดินริมคลองที่ไม่มีไฟและไม่มีคนผ่าน",
     [("team.bangkok@demo.safercities.invalid", "th",
       "ขอบคุณค่ะ เขตจะนำผลไปใส่ในแผนปรับปรุงไฟถนนปีหน้า", None)]),
    ("youth", "lan@demo.safercities.invalid", "vi", ThreadKind.QUESTION,
     "Làm thế nào để thanh niên tham gia nhóm an toàn khu phố?",
     "Phường chúng tôi muốn lập nhóm thanh niên tuần tra buổi tối nhưng các em ít tham gia. "
     "Có thành phố nào đã làm được chưa?",
     []),
    ("slum-upgrading", "siti@demo.safercities.invalid", "id", ThreadKind.QUESTION,
     "Bagaimana melibatkan warga kampung dalam audit keselamatan?",
     "Kami akan memperbaiki gang di Kampung Akuarium. Bagaimana cara mengajak ibu-ibu dan "
     "remaja ikut audit keselamatan tanpa membuat mereka takut dengan petugas?",
     [("rina@demo.safercities.invalid", "en",
       "In our settlement we asked the women's savings group to lead the walk; officials "
       "joined only as listeners. Attendance tripled.",
       "Dhaka informal settlement, savings group led the audit walk")]),
    ("street-lighting", "wei@demo.safercities.invalid", "zh-Hans", ThreadKind.DISCUSSION,
     "公交车站夜间照明与女性安全感",
     "我们在曼谷和昆明比较了二十个公交车站。照明改善后，女性夜间候车的安全感明显提高，"
     "但维护经费往往在第二年就中断。大家如何解决维护问题？",
     [("editor@demo.safercities.invalid", "en",
       "Maintenance budgets are the weak point everywhere. Some cities write it into the "
       "market vendors' fee. See the UN Guidelines on sustainability (principle 4).", None)]),
    ("thailand", "editor@demo.safercities.invalid", "en", ThreadKind.DISCUSSION,
     "Welcome to the Thailand space",
     "Share what your city is trying, in Thai or English. Questions about the women's safety "
     "audit tool are welcome here.",
     []),
    ("members-lounge", "trainer@demo.safercities.invalid", "en", ThreadKind.DISCUSSION,
     "Introduce yourself",
     "Members only: tell us where you work and what you would like to learn from peers.",
     [("rina@demo.safercities.invalid", "bn",
       "আমি ঢাকার কড়াইল বস্তিতে যুবকদের সঙ্গে কাজ করি। রাতের নিরাপত্তা নিয়ে শিখতে চাই।", None)]),
    ("phnom-penh-team", "team.phnompenh@demo.safercities.invalid", "km", ThreadKind.DISCUSSION,
     "ផែនការសកម្មភាព ២០២៧ (សេចក្តីព្រាង)",
     "សម្រាប់តែក្រុមការងារទីក្រុងភ្នំពេញ៖ សូមពិនិត្យសេចក្តីព្រាងផែនការ មុនថ្ងៃសុក្រ។",
     []),
]  # fmt: skip

TRANSLATIONS = [
    # thread title, language, translator, text of the opening post's translation
    ("តើយើងគួរបំភ្លឺផ្លូវតូចៗនៅជុំវិញផ្សាររាត្រីយ៉ាងដូចម្តេច?", "en", "sokha@demo.safercities.invalid",
     "Women vendors at the night market say the small lanes are very dark after 9 pm. Has "
     "any city tried solar lamps or something else?"),
    ("公交车站夜间照明与女性安全感", "th", "wei@demo.safercities.invalid",
     "เราเปรียบเทียบป้ายรถเมล์ 20 แห่งในกรุงเทพฯ และคุนหมิง หลังปรับปรุงไฟ ผู้หญิงรู้สึกปลอดภัยขึ้น "
     "แต่งบซ่อมบำรุงมักหมดในปีที่สอง ทุกท่านแก้ปัญหานี้อย่างไร?"),
]  # fmt: skip


def _people(cities, organisations):
    for email, name, org, city, languages, themes in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD)
        user.name = name
        user.organisation = organisations.get(org)
        user.city = cities.get(city)
        user.languages = languages
        user.is_demo = True
        user.bio = "An invented practitioner for the demo."
        user.save()
        user.themes.set(Theme.objects.filter(slug__in=themes))
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        NetworkProfile.objects.get_or_create(user=user)


def _spaces(cities, themes) -> dict[str, Space]:
    spaces = {}
    for slug, name, kind, visibility, theme, country, city in SPACES:
        spaces[slug], _ = Space.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "visibility": visibility,
                "theme": themes.get(theme),
                "country_id": country,
                "city": cities.get(city),
                "description": "A demo space with invented discussions.",
            },
        )
    return spaces


def _post(thread, author, language, body, *, opening=False, when=None) -> Post:
    post = Post.objects.filter(thread=thread, author=author, body=body).first()
    if post is None:
        post = Post.objects.create(
            thread=thread, author=author, is_opening=opening, body=body,
            body_html=render_markdown(body), language=language, status=PostStatus.VISIBLE,
        )  # fmt: skip
        if when is not None:
            Post.objects.filter(pk=post.pk).update(created_at=when)
    return post


def load(out) -> None:
    from safercities.search.index import reindex_object

    cities = {c.slug: c for c in City.objects.all()}
    themes = {t.slug: t for t in Theme.objects.all()}
    organisations = {o.slug: o for o in Organisation.objects.all()}
    _people(cities, organisations)
    spaces = _spaces(cities, themes)
    people = {u.email: u for u in User.objects.filter(email__endswith="@demo.safercities.invalid")}
    trainer = people.get("trainer@demo.safercities.invalid")
    if trainer:
        SpaceMembership.objects.get_or_create(
            space=spaces["tot-cohort-2026"], user=trainer, defaults={"is_moderator": True}
        )
    team_pp = people.get("team.phnompenh@demo.safercities.invalid")
    if team_pp:  # a space-scoped moderator: the Phnom Penh team lead moderates Cambodia
        SpaceMembership.objects.update_or_create(
            space=spaces["cambodia"], user=team_pp, defaults={"is_moderator": True}
        )
    for email in ("sokha@demo.safercities.invalid", "lan@demo.safercities.invalid"):
        SpaceMembership.objects.get_or_create(space=spaces["tot-cohort-2026"], user=people[email])
    now = timezone.now()
    for age, (space, author, language, kind, title, body, replies) in enumerate(THREADS):
        started = now - timedelta(days=3 + age, hours=age)
        thread, _ = Thread.objects.get_or_create(
            space=spaces[space],
            title=title,
            defaults={
                "author": people[author], "kind": kind, "language": language,
                "theme": spaces[space].theme, "last_post_at": started,
            },
        )  # fmt: skip
        _post(thread, people[author], language, body, opening=True, when=started)
        for n, (replier, reply_language, text, note) in enumerate(replies, start=1):
            post = _post(thread, people[replier], reply_language, text,
                         when=started + timedelta(hours=5 * n))  # fmt: skip
            if note and kind == ThreadKind.QUESTION:
                AcceptedAnswer.objects.get_or_create(
                    post=post,
                    defaults={"thread": thread, "accepted_by": people[author], "note": note,
                              "country": post.author.city.country if post.author.city else None},
                )  # fmt: skip
        visible = thread.posts.filter(status=PostStatus.VISIBLE)
        Thread.objects.filter(pk=thread.pk).update(
            reply_count=visible.filter(is_opening=False).count(),
            last_post_at=visible.order_by("-created_at").values_list("created_at", flat=True)[0],
            is_answered=thread.acceptances.exists(),
            created_at=started,
        )
    for title, language, translator, text in TRANSLATIONS:
        opening = Post.objects.filter(thread__title=title, is_opening=True).first()
        if opening:
            PostTranslation.objects.update_or_create(
                post=opening, language=language,
                defaults={"body": text, "body_html": render_markdown(text),
                          "translator": people[translator]},
            )  # fmt: skip
    for thread in Thread.objects.filter(space__in=spaces.values()):
        reindex_object(thread)
    languages = sorted({t[2] for t in THREADS} | {r[1] for t in THREADS for r in t[6]})
    out.write(
        f"network: {len(SPACES)} spaces, {len(THREADS)} demo threads in "
        f"{len(languages)} languages ({', '.join(languages)}), {len(PEOPLE)} more demo people\n"
    )
