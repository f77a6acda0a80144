"""qawl/2: stories and responses. Each statement's speaker key and story, the keys that find
a statement's other reports, and the responses table. A store of qawl/1 keeps its rows; its
statements are filed into stories by the next ingest or by ``qawl stories``.

Revision ID: 0002
"""

import sqlalchemy as sa
from alembic import op

from qawl.store import schema

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

NEW = ["speaker_key", "story_id", "words"]  # the words column has no index


def upgrade() -> None:
    bind = op.get_bind()
    # 0001 creates the tables of the current schema, so a store created by this qawl has the
    # new columns already; only a store made by an earlier qawl lacks them.
    have = {c["name"] for c in sa.inspect(bind).get_columns("statements")}
    missing = [name for name in NEW if name not in have]
    if missing:
        with op.batch_alter_table("statements") as batch:
            for name in missing:
                batch.add_column(sa.Column(name, schema.statements.c[name].type, nullable=True))
        for name in missing:
            if name != "words":
                op.create_index(f"ix_statements_{name}", "statements", [name])
    schema.metadata.create_all(bind, tables=[schema.statement_keys, schema.responses])


def downgrade() -> None:
    schema.metadata.drop_all(op.get_bind(), tables=[schema.responses, schema.statement_keys])
    with op.batch_alter_table("statements") as batch:
        for name in NEW:
            if name != "words":
                batch.drop_index(f"ix_statements_{name}")
            batch.drop_column(name)
