from django.contrib import admin

from .models import OptOut, Question, Survey


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["position", "kind", "text", "required"]


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    """The survey and its questions. Answers are not shown here: the back office shows them without
    names unless the participant allowed it."""

    list_display = ["title", "edition", "closes_at", "sent_at", "reminder_sent_at"]
    list_filter = ["edition"]
    inlines = [QuestionInline]


@admin.register(OptOut)
class OptOutAdmin(admin.ModelAdmin):
    list_display = ["email", "created_at"]
    search_fields = ["email"]
