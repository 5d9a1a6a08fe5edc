from django.db import transaction
from django.utils import timezone

from .models import ActionItem, Topic


@transaction.atomic
def action_item_set_status(*, action_item, status, user, today=None):
    """Set an action's status. Marking it done records the day (unless one is given); reopening or cancelling it
    clears that day. The action page, the API and the admin all save a status through here."""
    action_item.status = status
    if status == ActionItem.Status.DONE:
        if action_item.completed_on is None:
            action_item.completed_on = today or timezone.localdate()
    else:
        action_item.completed_on = None
    action_item._history_user = user
    action_item.full_clean()
    action_item.save()
    return action_item


@transaction.atomic
def workshop_save(*, form, formsets, user):
    """Save the workshop, its new topics and every bound formset together, or nothing.

    The caller has validated form and formsets. A stale edit raises StaleEdit and a row that breaks a database
    rule raises ValidationError, both before the transaction commits."""
    form.refuse_stale()
    workshop = form.save(commit=False)
    if workshop.pk is None:
        workshop.created_by = user
    workshop.full_clean()
    workshop.save()
    form.save_m2m()
    for name in form.cleaned_data.get("new_topics", []):
        topic = Topic.objects.filter(name__iexact=name).first() or Topic.objects.create(name=name)
        workshop.topics.add(topic)
    for formset in formsets:
        if formset.is_bound:
            _save_rows(formset, workshop)
    return workshop


def _save_rows(formset, workshop):
    formset.instance = workshop
    formset.save(commit=False)  # works out deleted_objects
    for obj in formset.deleted_objects:
        obj.delete()
    kept = [f for f in formset.forms if f not in formset.deleted_forms and (f.instance.pk or f.has_changed())]
    for position, row_form in enumerate(kept):
        obj = row_form.instance
        obj.workshop = workshop
        if hasattr(obj, "order"):
            obj.order = position
        obj.full_clean()
        obj.save()
        if hasattr(row_form, "save_m2m"):
            row_form.save_m2m()
