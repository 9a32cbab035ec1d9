from django.apps import AppConfig


class MypageConfig(AppConfig):
    """Min side: a page that gathers what the person has in every app, so it sits above them all."""

    name = "gronnpraksis.mypage"
