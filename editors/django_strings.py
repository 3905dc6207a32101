"""Django's own admin strings that our Chinese catalogue (locale/zh_Hans) translates itself: new
in Django 5 and missing from its Chinese catalogue (the admin home's screen-reader headers), or
translated there with 你 instead of 您 or with English punctuation. Our catalogue comes first
(LOCALE_PATHS), so these win. Listed here only so that `make messages` (makemessages
--no-obsolete) finds them in our code and keeps them; nothing imports this module.

The admin's JavaScript strings of the same kind are in locale/zh_Hans/LC_MESSAGES/djangojs.po,
which `make messages` leaves alone (it makes the django domain only)."""

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO_STRINGS = [
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Error:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("In case you’ve forgotten, you are:"),
    gettext_noop("Are you sure you want to delete the %(object_name)s \"%(escaped_object)s\"? All of the following related items will be deleted:"),
    gettext_noop("Are you sure?"),
    gettext_noop("Deleting the %(object_name)s '%(escaped_object)s' would result in deleting related objects, but your account doesn't have permission to delete the following types of objects:"),
    gettext_noop("Deleting the selected %(objects_name)s would result in deleting related objects, but your account doesn't have permission to delete the following types of objects:"),
    gettext_noop("Deleting %(class_name)s %(instance)s would require deleting the following protected related objects: %(related_objects)s"),
    gettext_noop("Deleting the %(object_name)s '%(escaped_object)s' would require deleting the following protected related objects:"),
    gettext_noop("Deleting the selected %(objects_name)s would require deleting the following protected related objects:"),
    gettext_noop("First, enter a username and password. Then, you’ll be able to edit more user options."),
    gettext_noop("Forgotten your password? Enter your email address below, and we’ll email instructions for setting a new one."),
    gettext_noop("If you don’t receive an email, please make sure you’ve entered the address you registered with, and check your spam folder."),
    gettext_noop("Please enter your new password twice so we can verify you typed it in correctly."),
    gettext_noop("Please enter your old password, for security’s sake, and then enter your new password twice so we can verify you typed it in correctly."),
    gettext_noop("Please enter the correct %(username)s and password for a staff account. Note that both fields may be case-sensitive."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop("You may edit it again below."),
    gettext_noop("We’ve emailed you instructions for setting your password, if an account exists with the email you entered. You should receive them shortly."),
    gettext_noop("You don’t have permission to view or edit anything."),
    gettext_noop("You're receiving this email because you requested a password reset for your user account at %(site_name)s."),
    gettext_noop("Your password has been set.  You may go ahead and log in now."),
    gettext_noop("Your password was changed."),
    gettext_noop("Your username, in case you’ve forgotten:"),
    gettext_noop("Sorting priority: %(priority_number)s"),
    gettext_noop("Set password: %s"),
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("ManagementForm data is missing or has been tampered with. Missing fields: %(field_names)s. You may need to file a bug report if the issue persists."),
]
DJANGO_PLURALS = [ngettext_lazy("Your password must contain at least %(min_length)d character.",
                                "Your password must contain at least %(min_length)d characters.", 0)]
