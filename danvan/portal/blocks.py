"""The pieces an article body is made of (Wagtail StreamField blocks)."""

from __future__ import annotations

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class ImageWithCaption(blocks.StructBlock):
    image = ImageChooserBlock(label="Ảnh")
    caption = blocks.CharBlock(label="Chú thích", required=False, max_length=300)

    class Meta:
        icon = "image"
        label = "Ảnh có chú thích"
        template = "portal/blocks/image.html"


class Quote(blocks.StructBlock):
    text = blocks.TextBlock(label="Trích dẫn")
    by = blocks.CharBlock(label="Của", required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = "Trích dẫn"
        template = "portal/blocks/quote.html"


RICH_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class ArticleBody(blocks.StreamBlock):
    heading = blocks.CharBlock(label="Tiêu đề mục", max_length=200, form_classname="title")
    paragraph = blocks.RichTextBlock(label="Đoạn văn", features=RICH_FEATURES)
    image = ImageWithCaption()
    quote = Quote()
