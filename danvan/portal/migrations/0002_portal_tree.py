"""The portal's home page and its sections, and Vietnamese names for Wagtail's groups.

Pages are written by hand (historical models have no tree methods), as Wagtail's own
project template does. Wagtail's "Editors" and "Moderators" groups and its default
"Moderators approval" workflow become the portal editor's and moderator's (see
``portal.roles``); only their names change.
"""

from django.db import migrations

HOME_PATH = "00010001"
SECTIONS = [
    ("sectionpage", "Tin tức – sự kiện", "tin-tuc-su-kien"),
    ("sectionpage", "Dân vận khéo", "dan-van-kheo"),
    ("noticeindexpage", "Thông báo", "thong-bao"),
    ("documentlistpage", "Văn bản", "van-ban"),
    ("albumindexpage", "Album ảnh", "album-anh"),
]
GROUPS = {
    "Editors": "Biên tập viên cổng thông tin",
    "Moderators": "Kiểm duyệt viên cổng thông tin",
}


def _create_tree(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    locale = Locale.objects.order_by("id").first()
    if locale is None:
        locale = Locale.objects.create(language_code="vi")

    # Wagtail's placeholder "Welcome to your new Wagtail site!" page.
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=page_type, depth=2).delete()
    Site.objects.all().delete()
    root = Page.objects.get(depth=1)

    def create(model, title, slug, path, depth, url_path, numchild=0):
        content_type, _ = ContentType.objects.get_or_create(app_label="portal", model=model)
        cls = apps.get_model("portal", model)
        return cls.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=content_type,
            path=path,
            depth=depth,
            numchild=numchild,
            url_path=url_path,
            locale=locale,
            live=True,
            show_in_menus=depth == 3,
        )

    home = create(
        "homepage", "Trang chủ", "trang-chu", HOME_PATH, 2, "/trang-chu/", len(SECTIONS)
    )
    for position, (model, title, slug) in enumerate(SECTIONS, start=1):
        create(model, title, slug, f"{HOME_PATH}{position:04d}", 3, f"/trang-chu/{slug}/")
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.create(
        hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True,
        site_name="Cổng thông tin công tác dân vận",
    )

    Group = apps.get_model("auth.Group")
    for old, new in GROUPS.items():
        Group.objects.filter(name=old).update(name=new)
    Task = apps.get_model("wagtailcore.Task")
    Workflow = apps.get_model("wagtailcore.Workflow")
    Task.objects.filter(name="Moderators approval").update(name="Kiểm duyệt viên duyệt bài")
    Workflow.objects.filter(name="Moderators approval").update(name="Duyệt bài trước khi đăng")


def _remove_tree(apps, schema_editor):
    Page = apps.get_model("wagtailcore.Page")
    Page.objects.filter(path__startswith=HOME_PATH).delete()
    Group = apps.get_model("auth.Group")
    for old, new in GROUPS.items():
        Group.objects.filter(name=new).update(name=old)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(_create_tree, _remove_tree)]
