/** One schema change; versions only grow, and an applied migration is never edited. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'raw tables',
    sql: `
      CREATE TABLE imports (
        import_id INTEGER PRIMARY KEY,
        kind VARCHAR NOT NULL,
        file VARCHAR NOT NULL,
        format VARCHAR NOT NULL,
        started_at TIMESTAMP NOT NULL,
        seconds DOUBLE NOT NULL,
        rows_read BIGINT NOT NULL,
        inserted BIGINT NOT NULL,
        duplicates BIGINT NOT NULL,
        rejected BIGINT NOT NULL,
        rejects_file VARCHAR
      );
      -- event_id is unique: every write goes through the de-duplicating insert of src/ingest,
      -- which is cheaper at tens of millions of rows than an index the engine maintains.
      CREATE TABLE events (
        event_id VARCHAR NOT NULL,
        customer_id VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        ts TIMESTAMP NOT NULL,
        order_id VARCHAR,
        amount DOUBLE,
        original_amount DOUBLE,
        currency VARCHAR,
        status VARCHAR,
        consent_category VARCHAR,
        consent_action VARCHAR,
        campaign_id VARCHAR,
        campaign_channel VARCHAR,
        campaign_action VARCHAR,
        audience_id VARCHAR,
        survey_score DOUBLE,
        survey_csat DOUBLE,
        properties JSON,
        import_id INTEGER NOT NULL,
        source_line BIGINT NOT NULL
      );
      CREATE TABLE customers (
        customer_id VARCHAR PRIMARY KEY,
        attributes JSON NOT NULL,
        import_id INTEGER NOT NULL
      );
      CREATE TABLE costs (
        month VARCHAR NOT NULL,
        channel VARCHAR NOT NULL,
        spend DOUBLE NOT NULL,
        import_id INTEGER NOT NULL,
        PRIMARY KEY (month, channel)
      );
      CREATE TABLE rates (
        currency VARCHAR PRIMARY KEY,
        rate_to_base DOUBLE NOT NULL,
        import_id INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'refresh log',
    sql: `
      CREATE TABLE refreshes (
        refresh_id INTEGER PRIMARY KEY,
        started_at TIMESTAMP NOT NULL,
        seconds DOUBLE NOT NULL,
        last_import_id INTEGER,
        events BIGINT NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'holdout reports',
    sql: `
      CREATE TABLE holdout_reports (
        report_id INTEGER PRIMARY KEY,
        created_at TIMESTAMP NOT NULL,
        model VARCHAR NOT NULL,
        holdout_from DATE NOT NULL,
        report JSON NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'api keys',
    sql: `
      CREATE TABLE api_keys (
        key_id VARCHAR PRIMARY KEY,
        name VARCHAR,
        role VARCHAR NOT NULL,
        salt VARCHAR NOT NULL,
        hash VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL,
        revoked_at TIMESTAMP
      );
    `,
  },
  {
    version: 5,
    name: 'models of each refresh',
    sql: `
      ALTER TABLE refreshes ADD COLUMN models JSON;
    `,
  },
  {
    version: 6,
    name: 'import recovery and refresh failures',
    sql: `
      -- Imports a killed process left half written: their rows were removed when the store was
      -- next opened, and their ids are never given out again.
      CREATE TABLE abandoned_imports (
        import_id INTEGER PRIMARY KEY,
        found_at TIMESTAMP NOT NULL,
        rows_removed BIGINT NOT NULL
      );
      -- Refreshes that failed; the latest is shown until a refresh succeeds after it.
      CREATE TABLE refresh_failures (
        failure_id INTEGER PRIMARY KEY,
        started_at TIMESTAMP NOT NULL,
        after_refresh_id INTEGER,
        message VARCHAR NOT NULL
      );
    `,
  },
  {
    version: 7,
    name: 'audiences',
    sql: `
      -- A saved rule. Deleting one keeps its row (deleted_at) so that its membership history and
      -- activations still name it; its name is free again.
      CREATE TABLE audiences (
        audience_id VARCHAR PRIMARY KEY,
        name VARCHAR NOT NULL,
        description VARCHAR NOT NULL,
        owner VARCHAR NOT NULL,
        rule JSON NOT NULL,
        version INTEGER NOT NULL,
        -- Email destinations receive members without email consent only when this is true.
        include_unsubscribed BOOLEAN NOT NULL,
        template VARCHAR,
        created_at TIMESTAMP NOT NULL,
        updated_at TIMESTAMP NOT NULL,
        updated_by VARCHAR NOT NULL,
        deleted_at TIMESTAMP
      );
      -- Every version of every audience, the first included: who changed what, when.
      CREATE TABLE audience_versions (
        audience_id VARCHAR NOT NULL,
        version INTEGER NOT NULL,
        name VARCHAR NOT NULL,
        description VARCHAR NOT NULL,
        rule JSON NOT NULL,
        include_unsubscribed BOOLEAN NOT NULL,
        changed_by VARCHAR NOT NULL,
        changed_at TIMESTAMP NOT NULL,
        PRIMARY KEY (audience_id, version)
      );
      -- Membership over time: a stay from entered_at to exited_at (NULL while a member).
      CREATE TABLE audience_members (
        audience_id VARCHAR NOT NULL,
        customer_id VARCHAR NOT NULL,
        entered_at TIMESTAMP NOT NULL,
        exited_at TIMESTAMP
      );
      -- Each evaluation of an audience: at a refresh, for an ingested batch, or after an edit.
      CREATE TABLE audience_evaluations (
        audience_id VARCHAR NOT NULL,
        evaluated_at TIMESTAMP NOT NULL,
        source VARCHAR NOT NULL,
        refresh_id INTEGER,
        members BIGINT NOT NULL,
        entered BIGINT NOT NULL,
        exited BIGINT NOT NULL,
        error VARCHAR
      );
    `,
  },
  {
    version: 8,
    name: 'destinations and activations',
    sql: `
      -- Where audiences are sent. config holds no secret: a webhook's signing secret or an email
      -- list's bearer token is AES-256-GCM sealed with the project's key file (.clv/secret.key).
      CREATE TABLE destinations (
        destination_id VARCHAR PRIMARY KEY,
        name VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        enabled BOOLEAN NOT NULL,
        config JSON NOT NULL,
        sealed_secret VARCHAR,
        created_at TIMESTAMP NOT NULL,
        created_by VARCHAR NOT NULL,
        deleted_at TIMESTAMP
      );
      -- An audience sent to a destination: first its full membership, then its changes.
      -- The cursor: synced_evaluations audience evaluations (the latest at synced_through) have
      -- been turned into deliveries; a sync finding no newer evaluation has nothing to queue.
      CREATE TABLE activations (
        activation_id VARCHAR PRIMARY KEY,
        audience_id VARCHAR NOT NULL,
        destination_id VARCHAR NOT NULL,
        holdout_share DOUBLE NOT NULL,
        created_at TIMESTAMP NOT NULL,
        created_by VARCHAR NOT NULL,
        stopped_at TIMESTAMP,
        synced_evaluations BIGINT,
        synced_through TIMESTAMP,
        last_error VARCHAR
      );
      -- What the destination has been told (queued) is a member: the next changes are the
      -- difference between the audience's open stays and these rows.
      CREATE TABLE activation_sent (
        activation_id VARCHAR NOT NULL,
        customer_id VARCHAR NOT NULL,
        -- The address it was subscribed with, which its unsubscribe names.
        email VARCHAR,
        PRIMARY KEY (activation_id, customer_id)
      );
      -- The control group: members withheld from the destination, and when they were first.
      CREATE TABLE activation_controls (
        activation_id VARCHAR NOT NULL,
        customer_id VARCHAR NOT NULL,
        controlled_at TIMESTAMP NOT NULL,
        PRIMARY KEY (activation_id, customer_id)
      );
      -- One batch for a destination; delivery_id is the idempotency key it is sent with, and
      -- members the exact rows sent (the same on every attempt).
      CREATE TABLE deliveries (
        delivery_id VARCHAR PRIMARY KEY,
        activation_id VARCHAR NOT NULL,
        seq INTEGER NOT NULL,
        kind VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL,
        members JSON NOT NULL,
        member_count INTEGER NOT NULL,
        entries INTEGER NOT NULL,
        exits INTEGER NOT NULL,
        status VARCHAR NOT NULL,
        attempts INTEGER NOT NULL,
        next_attempt_at TIMESTAMP,
        last_error VARCHAR,
        delivered_at TIMESTAMP
      );
    `,
  },
  {
    version: 9,
    name: 'saved queries',
    sql: `
      -- A saved SQL statement of the query service. dataset names the table dataset_<name>
      -- that every refresh materialises from it (NULL: run on request only); defaults are the
      -- values its {{parameters}} take when none are given, as a dataset always runs.
      CREATE TABLE saved_queries (
        query_id VARCHAR PRIMARY KEY,
        name VARCHAR NOT NULL,
        description VARCHAR NOT NULL,
        sql VARCHAR NOT NULL,
        defaults JSON NOT NULL,
        dataset VARCHAR,
        owner VARCHAR NOT NULL,
        version INTEGER NOT NULL,
        created_at TIMESTAMP NOT NULL,
        updated_at TIMESTAMP NOT NULL,
        updated_by VARCHAR NOT NULL,
        -- The last materialisation of its dataset: when, rows, and the error if it failed.
        dataset_refresh_id INTEGER,
        dataset_rows BIGINT,
        dataset_error VARCHAR
      );
    `,
  },
  {
    version: 10,
    name: 'dashboards',
    sql: `
      -- A user-defined dashboard: document holds its title, filters and widgets (the zod schema
      -- of src/dashboards/dashboard-schema.ts, format schema_version); version counts its saves.
      CREATE TABLE dashboards (
        dashboard_id VARCHAR PRIMARY KEY,
        title VARCHAR NOT NULL,
        document JSON NOT NULL,
        schema_version INTEGER NOT NULL,
        version INTEGER NOT NULL,
        owner VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL,
        updated_at TIMESTAMP NOT NULL,
        updated_by VARCHAR NOT NULL
      );
    `,
  },
  {
    version: 11,
    name: 'refresh basis',
    sql: `
      -- What a later refresh must find unchanged to build on this one's tables in part
      -- (src/model/refresh-basis.ts); NULL for refreshes before it, which are built on in full.
      ALTER TABLE refreshes ADD COLUMN basis JSON;
    `,
  },
];
