"""Whether the site may e-mail a person of its own accord (a partner's periodic mail about their actions)."""


def may_contact(person):
    """A person may be e-mailed by the site when they have an address. The one place to apply the personal-data
    rules' basis for contacting someone (a "may be contacted" field) when the person record holds it."""
    return bool(person.email)
