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
];
