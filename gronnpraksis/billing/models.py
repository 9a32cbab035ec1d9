"""Prices per ticket type, free roles, discount codes, invoice series, invoices and credit notes.

An issued invoice (or credit note) and its lines are never changed by the application: a change is a
credit note and a new invoice. The only things written afterwards are the payment date, and the
participant's name on a line, which is emptied when the person is erased (the amounts stay: the
bookkeeping act keeps the invoice basis five years).
"""

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from . import cancellation, pricing


class TicketPrice(models.Model):
    """A ticket type's price tiers and VAT; a ticket type without one is priced by its plain `price`."""

    ticket_type = models.OneToOneField(
        "editions.TicketType",
        on_delete=models.CASCADE,
        related_name="billing_price",
        verbose_name=_("ticket type"),
    )
    ordinary = models.DecimalField(_("price"), max_digits=10, decimal_places=2)
    includes_vat = models.BooleanField(_("prices include VAT"), default=False)
    exempt = models.BooleanField(_("exempt from VAT"), default=True)
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2, default=Decimal("25"))
    early_bird = models.DecimalField(
        _("early-bird price"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    early_bird_until = models.DateField(_("early bird until"), null=True, blank=True)
    student = models.DecimalField(_("student price"), max_digits=10, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("ticket price")
        verbose_name_plural = _("ticket prices")
        constraints = [
            models.CheckConstraint(condition=Q(ordinary__gte=0), name="ticketprice_ordinary_not_negative"),
            models.CheckConstraint(
                condition=Q(vat_rate__gte=0) & Q(vat_rate__lt=100), name="ticketprice_vat_rate_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_type}: {self.ordinary}"

    def terms(self) -> pricing.PriceTerms:
        return pricing.PriceTerms(
            ordinary=self.ordinary,
            vat_rate=self.vat_rate,
            exempt=self.exempt,
            includes_vat=self.includes_vat,
            early_bird=self.early_bird,
            early_bird_until=self.early_bird_until,
            student=self.student,
        )


class FreeRole(models.TextChoices):
    SPEAKER = "speaker", _("Speaker")
    JURY = "jury", _("Jury member")
    VOLUNTEER = "volunteer", _("Volunteer")


class FreeTicket(models.Model):
    """An organiser's decision that a registration pays nothing, because of the person's role."""

    registration = models.OneToOneField(
        "registrations.Registration",
        on_delete=models.CASCADE,
        related_name="free_ticket",
        verbose_name=_("registration"),
    )
    role = models.CharField(_("role"), max_length=20, choices=FreeRole.choices)
    granted_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("granted by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("free ticket")
        verbose_name_plural = _("free tickets")

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.role}"


class DiscountKind(models.TextChoices):
    PERCENT = "percent", _("Percentage")
    AMOUNT = "amount", _("Fixed amount")


class DiscountCode(models.Model):
    """A partner's code. A use is taken with a conditional UPDATE on `used` (see `services.redeem`)."""

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.CASCADE, related_name="discount_codes", verbose_name=_("edition")
    )
    code = models.CharField(_("code"), max_length=40)
    partner = models.CharField(_("partner"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=DiscountKind.choices)
    value = models.DecimalField(_("value"), max_digits=10, decimal_places=2)
    max_uses = models.PositiveIntegerField(_("uses"))
    used = models.PositiveIntegerField(_("used"), default=0)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    ticket_types = models.ManyToManyField(
        "editions.TicketType",
        blank=True,
        related_name="discount_codes",
        verbose_name=_("ticket types"),
        help_text=_("Empty: every ticket type."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("discount code")
        verbose_name_plural = _("discount codes")
        constraints = [
            models.UniqueConstraint(F("edition"), Upper("code"), name="discountcode_unique_per_edition"),
            models.CheckConstraint(
                condition=Q(used__lte=F("max_uses")), name="discountcode_used_within_uses"
            ),
            models.CheckConstraint(condition=Q(value__gt=0), name="discountcode_value_positive"),
            models.CheckConstraint(
                condition=~Q(kind="percent") | Q(value__lte=100), name="discountcode_percent_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def discount(self) -> pricing.Discount:
        if self.kind == DiscountKind.PERCENT:
            return pricing.Discount(percent=self.value)
        return pricing.Discount(amount=self.value)


class Redemption(models.Model):
    """One use of a discount code by one registration."""

    code = models.ForeignKey(DiscountCode, on_delete=models.PROTECT, related_name="redemptions")
    registration = models.OneToOneField(
        "registrations.Registration", on_delete=models.CASCADE, related_name="redemption"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.code} → {self.registration_id}"


class SellerProfile(models.Model):
    """Who invoices for an edition (the seller in EHF): name, organisation number, address, account."""

    edition = models.OneToOneField(
        "editions.Edition", on_delete=models.CASCADE, related_name="seller", verbose_name=_("edition")
    )
    name = models.CharField(_("legal name"), max_length=200)
    organisation_number = models.CharField(_("organisation number"), max_length=9)
    vat_registered = models.BooleanField(_("registered for VAT"), default=False)
    street = models.CharField(_("street address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("city"), max_length=100)
    account_number = models.CharField(_("bank account"), max_length=34)
    email = models.EmailField(_("e-mail"), blank=True)
    series = models.CharField(_("invoice series"), max_length=20)
    payment_days = models.PositiveSmallIntegerField(_("days to pay"), default=30)

    class Meta:
        verbose_name = _("seller")
        verbose_name_plural = _("sellers")

    def __str__(self) -> str:
        return self.name


class InvoiceSeries(models.Model):
    """A number series; `next_number` is read and raised under `select_for_update` (no gaps)."""

    name = models.CharField(max_length=20, unique=True)
    next_number = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return self.name


class DocumentKind(models.TextChoices):
    INVOICE = "invoice", _("Invoice")
    CREDIT_NOTE = "credit_note", _("Credit note")


class Invoice(models.Model):
    """An issued invoice or credit note. Never changed once issued, except `paid_at`."""

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.PROTECT, related_name="invoices", verbose_name=_("edition")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.INVOICE
    )
    series = models.ForeignKey(InvoiceSeries, on_delete=models.PROTECT, related_name="invoices")
    number = models.PositiveIntegerField(_("number"))
    issued_on = models.DateField(_("issued"))
    due_on = models.DateField(_("due"))
    credits = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="credit_notes"
    )
    buyer_name = models.CharField(_("buyer"), max_length=200)
    buyer_organisation_number = models.CharField(_("organisation number"), max_length=9, blank=True)
    buyer_address = models.CharField(_("postal address"), max_length=300, blank=True)
    buyer_postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    buyer_city = models.CharField(_("city"), max_length=100, blank=True)
    buyer_reference = models.CharField(_("buyer reference"), max_length=100)
    buyer_email = models.EmailField(_("e-mail"), blank=True)
    net = models.DecimalField(_("net"), max_digits=12, decimal_places=2)
    vat = models.DecimalField(_("VAT"), max_digits=12, decimal_places=2)
    gross = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    paid_on = models.DateField(_("paid"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["series", "number"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="invoice_number_unique_per_series"),
            models.CheckConstraint(
                condition=Q(kind="invoice", credits__isnull=True)
                | Q(kind="credit_note", credits__isnull=False),
                name="invoice_credit_note_credits_an_invoice",
            ),
            models.CheckConstraint(condition=~Q(buyer_reference=""), name="invoice_has_buyer_reference"),
        ]

    def __str__(self) -> str:
        return self.identifier

    @property
    def identifier(self) -> str:
        return f"{self.series.name}-{self.number}"

    @property
    def is_credit_note(self) -> bool:
        return self.kind == DocumentKind.CREDIT_NOTE


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="lines")
    position = models.PositiveSmallIntegerField()
    registration = models.ForeignKey(
        "registrations.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invoice_lines",
    )
    participant = models.CharField(_("participant"), max_length=200, blank=True)  # emptied on erasure
    description = models.CharField(_("description"), max_length=200)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    unit_net = models.DecimalField(_("unit price ex. VAT"), max_digits=10, decimal_places=2)
    discount_net = models.DecimalField(_("discount"), max_digits=10, decimal_places=2, default=Decimal("0"))
    net = models.DecimalField(_("amount ex. VAT"), max_digits=12, decimal_places=2)
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2)
    vat_category = models.CharField(max_length=2)

    class Meta:
        ordering = ["invoice", "position"]
        constraints = [
            models.UniqueConstraint(fields=["invoice", "position"], name="invoiceline_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.invoice_id}/{self.position}"

    def priced(self) -> pricing.Line:
        return pricing.Line(
            quantity=self.quantity, unit_net=self.unit_net, vat_rate=self.vat_rate, category=self.vat_category
        )


class CancellationTerms(models.Model):
    """What cancelling through the manage link costs for an edition (see `billing.cancellation`)."""

    edition = models.OneToOneField(
        "editions.Edition",
        on_delete=models.CASCADE,
        related_name="cancellation_terms",
        verbose_name=_("edition"),
    )
    free_until = models.DateField(
        _("free cancellation until"), help_text=_("The last day cancelling costs nothing.")
    )
    share = models.DecimalField(
        _("share of the price (%)"),
        max_digits=5,
        decimal_places=2,
        help_text=_("What cancelling costs after the free period, as a percentage of the price."),
    )
    share_until = models.DateField(
        _("share until"),
        help_text=_("The last day the share applies; after it, cancelling costs the full price."),
    )

    class Meta:
        verbose_name = _("cancellation terms")
        verbose_name_plural = _("cancellation terms")
        constraints = [
            models.CheckConstraint(
                condition=Q(share__gte=0) & Q(share__lte=100), name="cancellationterms_share_range"
            ),
            models.CheckConstraint(
                condition=Q(share_until__gte=F("free_until")), name="cancellationterms_dates_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.edition}: {self.free_until} / {self.share} % / {self.share_until}"

    def terms(self) -> cancellation.Terms:
        return cancellation.Terms(free_until=self.free_until, share=self.share, share_until=self.share_until)


class CancellationFee(models.Model):
    """The fee a participant owes for cancelling, fixed when they cancelled (the terms may change later).
    It is what is invoiced for the registration from then on (`services.quote_for`)."""

    registration = models.OneToOneField(
        "registrations.Registration",
        on_delete=models.CASCADE,
        related_name="cancellation_fee",
        verbose_name=_("registration"),
    )
    cancelled_on = models.DateField(_("cancelled on"))
    share = models.DecimalField(_("share of the price (%)"), max_digits=5, decimal_places=2)
    unit_net = models.DecimalField(_("fee ex. VAT"), max_digits=10, decimal_places=2)
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2)
    vat_category = models.CharField(_("VAT category"), max_length=2)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("cancellation fee")
        verbose_name_plural = _("cancellation fees")
        constraints = [
            models.CheckConstraint(condition=Q(unit_net__gte=0), name="cancellationfee_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.unit_net}"

    def quote(self) -> pricing.Quote:
        return pricing.Quote(
            tier=cancellation.CANCELLATION,
            unit_net=self.unit_net,
            discount_net=pricing.ZERO,
            vat_rate=self.vat_rate,
            category=self.vat_category,
        )
