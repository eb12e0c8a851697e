"""Seed rows: the contents a commune must disclose (Luật Thực hiện dân chủ ở cơ sở
10/2022/QH15, Điều 11 — «những nội dung chính quyền địa phương ở cấp xã công khai»), and
the optional organisation kind «Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở» (DOMAIN.md
§4: whether these committees survive the 2025 rationalisation was not verified).

⚠ The wording and the clause numbers below were written from the law as recalled, not
copied from the gazette text (no copy of it in /work/shared/seeds): an administrator
checks them against the published text and corrects a row in place (they are data).
The catch-all clause (other contents the law or a competent body requires) is not a row:
it cannot be «missing»."""

from django.db import migrations

ITEMS = [
    (
        "ke-hoach-ktxh",
        "Khoản 1 Điều 11",
        "Kế hoạch phát triển kinh tế - xã hội hằng năm, phương án chuyển dịch cơ cấu kinh tế "
        "ở cấp xã",
    ),
    (
        "ngan-sach",
        "Khoản 2 Điều 11",
        "Dự toán, tình hình thực hiện dự toán và quyết toán ngân sách hằng năm của cấp xã",
    ),
    (
        "du-an-cong-trinh",
        "Khoản 3 Điều 11",
        "Dự án, công trình đầu tư và thứ tự ưu tiên, tiến độ thực hiện, phương án bồi thường, "
        "hỗ trợ, tái định cư liên quan đến dự án, công trình trên địa bàn cấp xã",
    ),
    (
        "dat-dai",
        "Khoản 4 Điều 11",
        "Quy hoạch, kế hoạch sử dụng đất chi tiết và phương án điều chỉnh quy hoạch sử dụng "
        "đất chi tiết ở cấp xã; việc thu hồi đất, giao đất, cho thuê đất trên địa bàn",
    ),
    (
        "dong-gop",
        "Khoản 5 Điều 11",
        "Kế hoạch huy động, kết quả huy động và việc quản lý, sử dụng các khoản đóng góp "
        "của Nhân dân cho việc xây dựng cơ sở hạ tầng, công trình phúc lợi công cộng",
    ),
    (
        "quy-tai-tro",
        "Khoản 6 Điều 11",
        "Việc quản lý, sử dụng các loại quỹ, khoản đầu tư, tài trợ theo chương trình, dự án "
        "đối với cấp xã",
    ),
    (
        "vay-von-ho-ngheo",
        "Khoản 7 Điều 11",
        "Chủ trương, kế hoạch vay vốn cho Nhân dân để phát triển sản xuất, giảm nghèo; "
        "phương thức và kết quả bình xét hộ nghèo, hộ cận nghèo; việc thực hiện chính sách "
        "an sinh xã hội trên địa bàn",
    ),
    (
        "phi-le-phi",
        "Khoản 8 Điều 11",
        "Đối tượng, mức thu các loại phí, lệ phí và nghĩa vụ tài chính khác do chính quyền "
        "cấp xã trực tiếp thu",
    ),
    (
        "thu-tuc-hanh-chinh",
        "Khoản 9 Điều 11",
        "Thủ tục hành chính, việc giải quyết các công việc liên quan đến người dân, tổ chức "
        "do chính quyền cấp xã trực tiếp thực hiện",
    ),
    (
        "tiep-thu-y-kien",
        "Khoản 10 Điều 11",
        "Kết quả tiếp thu ý kiến của Nhân dân về những nội dung chính quyền cấp xã đưa ra lấy "
        "ý kiến Nhân dân; kết quả thực hiện các nội dung Nhân dân bàn và quyết định",
    ),
    (
        "thanh-tra-tham-nhung",
        "Khoản 11 Điều 11",
        "Kết quả thanh tra, kiểm tra, giải quyết các vụ việc tiêu cực, tham nhũng của cán bộ, "
        "công chức cấp xã; kết quả lấy phiếu tín nhiệm Chủ tịch, Phó Chủ tịch Hội đồng nhân "
        "dân, Ủy ban nhân dân cấp xã",
    ),
    (
        "dia-gioi-hanh-chinh",
        "Khoản 12 Điều 11",
        "Đề án thành lập, nhập, chia, điều chỉnh địa giới đơn vị hành chính, đặt tên, đổi tên "
        "đơn vị hành chính liên quan đến cấp xã",
    ),
]

STEERING = {
    "code": "bcd-qcdc",
    "name": "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở",
    "short_name": "BCĐ QCDC",
}


def seed(apps, schema_editor):
    Item = apps.get_model("democracy", "DisclosureItem")
    for order, (code, clause, name) in enumerate(ITEMS, start=1):
        Item.objects.update_or_create(
            code=code, defaults={"clause": clause, "name": name, "sort_order": order}
        )
    Kind = apps.get_model("org", "OrganisationKind")
    Kind.objects.get_or_create(
        code=STEERING["code"],
        defaults={"name": STEERING["name"], "short_name": STEERING["short_name"], "sort_order": 90},
    )


def unseed(apps, schema_editor):
    apps.get_model("democracy", "DisclosureItem").objects.filter(
        code__in=[code for code, _, _ in ITEMS]
    ).delete()
    Kind = apps.get_model("org", "OrganisationKind")
    Unit = apps.get_model("org", "OrgUnit")
    if not Unit.objects.filter(organisation_kind__code=STEERING["code"]).exists():
        Kind.objects.filter(code=STEERING["code"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("democracy", "0001_initial"),
        ("org", "0003_vietnamese_field_labels_for_history"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
