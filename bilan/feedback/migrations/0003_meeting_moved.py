# The Meeting model now lives in the meeting app (meeting.0002), on the same table.
# State only: no table is dropped, no row moves.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('feedback', '0002_default_grid'),
        ('meeting', '0002_meeting'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Meeting')],
            database_operations=[],
        ),
    ]
