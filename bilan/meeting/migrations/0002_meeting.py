# The Meeting model moves here from the feedback app. State only: the table keeps its name
# (feedback_meeting) and its rows; feedback.0003 removes the model from the feedback app's state.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0001_initial'),
        ('feedback', '0002_default_grid'),
        ('meeting', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Meeting',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('starts_at', models.DateTimeField(verbose_name='date et heure')),
                        ('duration_minutes', models.PositiveSmallIntegerField(default=60, verbose_name='durée (minutes)')),
                        ('place', models.CharField(blank=True, max_length=300, verbose_name='lieu')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('dossier', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='dossiers.dossier')),
                    ],
                    options={
                        'verbose_name': 'entretien de bilan',
                        'verbose_name_plural': 'entretiens de bilan',
                        'db_table': 'feedback_meeting',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
