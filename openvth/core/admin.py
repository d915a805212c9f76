"""What the apps' admin modules share."""


class ReadOnlyAdminMixin:
    """For a ModelAdmin of records that only the services write (they validate and record the history): the admin
    shows them, never adds, changes or deletes one."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
