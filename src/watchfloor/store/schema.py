"""The SQLite schema as an ordered list of migrations.

``PRAGMA user_version`` records how many have been applied; opening a database
applies the rest in one transaction each, so an old file upgrades in place.
Never edit a released migration: append a new one.
"""

MIGRATIONS: list[str] = [
    # 1: the initial schema.
    """
    CREATE TABLE publishers (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        host TEXT
    );

    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        external_id TEXT,
        title TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        url TEXT,
        publisher_id INTEGER REFERENCES publishers(id),
        original_source TEXT,
        categories TEXT NOT NULL DEFAULT '[]',
        author TEXT,
        published TEXT,
        language TEXT,
        source TEXT NOT NULL DEFAULT '',
        flags TEXT NOT NULL DEFAULT '[]',
        ingested_at TEXT NOT NULL,
        extracted_at TEXT,
        extractor_version TEXT
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_url ON articles(url);

    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid'
    );
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;

    CREATE TABLE actors (
        name TEXT PRIMARY KEY,
        kind TEXT
    );

    -- A real-world event; several articles may report it (event_reports).
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        event_type TEXT NOT NULL,
        sub_event_type TEXT NOT NULL,
        disorder_type TEXT NOT NULL,
        date TEXT,
        time_precision INTEGER,
        location TEXT,
        admin1 TEXT,
        admin2 TEXT,
        country TEXT,
        iso3 TEXT,
        latitude REAL,
        longitude REAL,
        geonameid INTEGER,
        geo_precision INTEGER,
        actor1 TEXT REFERENCES actors(name),
        assoc_actor_1 TEXT,
        actor2 TEXT REFERENCES actors(name),
        assoc_actor_2 TEXT,
        interaction INTEGER,
        fatalities INTEGER,
        injured INTEGER,
        civilian_targeting INTEGER NOT NULL DEFAULT 0,
        notes TEXT NOT NULL DEFAULT '',
        confidence REAL NOT NULL DEFAULT 0.5
    );
    CREATE INDEX events_date ON events(date);
    CREATE INDEX events_place ON events(admin1, admin2);

    -- Which article reports which event, with the event as that article coded it.
    CREATE TABLE event_reports (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (article_id, ordinal)
    );
    CREATE INDEX event_reports_event ON event_reports(event_id);

    CREATE TABLE places (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        name TEXT,
        admin1 TEXT,
        admin2 TEXT,
        country TEXT,
        iso3 TEXT,
        latitude REAL,
        longitude REAL,
        geonameid INTEGER,
        feature TEXT,
        role TEXT NOT NULL DEFAULT 'other'
    );
    CREATE INDEX places_article ON places(article_id);

    CREATE TABLE statistics (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        quantity INTEGER NOT NULL,
        quantity_text TEXT NOT NULL,
        counted TEXT NOT NULL,
        period_start TEXT,
        period_end TEXT,
        place TEXT
    );
    CREATE INDEX statistics_article ON statistics(article_id);

    CREATE TABLE claims (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        speaker_text TEXT,
        speaker_name TEXT,
        cue TEXT NOT NULL,
        content TEXT NOT NULL,
        kind TEXT NOT NULL,
        stance TEXT NOT NULL,
        channel TEXT,
        date TEXT,
        confidence REAL NOT NULL DEFAULT 0.5,
        data TEXT NOT NULL
    );
    CREATE INDEX claims_article ON claims(article_id);
    CREATE INDEX claims_speaker ON claims(speaker_name);

    -- The characters behind every extracted field.
    CREATE TABLE evidence (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        object_kind TEXT NOT NULL,  -- 'event_report', 'claim', 'statistic', 'place'
        object_ordinal INTEGER NOT NULL,
        field TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL
    );
    CREATE INDEX evidence_article ON evidence(article_id, object_kind, object_ordinal);
    """,
    # 2: incidents that are not political violence (disasters, accidents, crime, diplomacy).
    """
    CREATE TABLE other_incidents (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        category TEXT NOT NULL,
        text TEXT NOT NULL,
        date TEXT,
        location TEXT,
        country TEXT,
        fatalities INTEGER,
        data TEXT NOT NULL
    );
    CREATE INDEX other_incidents_article ON other_incidents(article_id);
    CREATE INDEX other_incidents_category ON other_incidents(category, date);
    """,
    # 3: versions of one page (store/versions.py): the URL as a key, and the newer version
    # that replaced an article; and the extraction's cut. Rows stored before get their URL as it is for key.
    """
    ALTER TABLE articles ADD COLUMN url_key TEXT;
    ALTER TABLE articles ADD COLUMN superseded_by TEXT REFERENCES articles(id);
    -- where the per-article size or time budget cut the extraction short (extract/budget.py)
    ALTER TABLE articles ADD COLUMN extraction_cut TEXT;
    UPDATE articles SET url_key = url WHERE url IS NOT NULL;
    CREATE INDEX articles_url_key ON articles(url_key);
    """,
    # 4: merged events (merge/): syndicated copies found by MinHash buckets; an event's sources,
    # reconciled tolls and origin; ids merged into another; and the history of every change.
    """
    ALTER TABLE articles ADD COLUMN copy_of TEXT REFERENCES articles(id);
    CREATE INDEX articles_copy_of ON articles(copy_of);
    CREATE TABLE article_prints (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        signature BLOB NOT NULL,
        facts TEXT NOT NULL
    );
    -- One row per LSH band of an article's MinHash signature: finding a text's candidate copies
    -- is one index lookup per band, however many articles are stored.
    CREATE TABLE article_buckets (
        bucket INTEGER NOT NULL,
        article_rowid INTEGER NOT NULL,
        PRIMARY KEY (bucket, article_rowid)
    ) WITHOUT ROWID;

    ALTER TABLE events ADD COLUMN origin TEXT NOT NULL DEFAULT 'extracted';  -- or 'acled', 'ucdp'
    ALTER TABLE events ADD COLUMN external_id TEXT;
    ALTER TABLE events ADD COLUMN sources TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE events ADD COLUMN source_count INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE events ADD COLUMN tolls TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE events ADD COLUMN fatalities_low INTEGER;
    ALTER TABLE events ADD COLUMN fatalities_best INTEGER;
    ALTER TABLE events ADD COLUMN fatalities_high INTEGER;
    ALTER TABLE events ADD COLUMN disputed INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE events ADD COLUMN extra TEXT NOT NULL DEFAULT '{}';  -- an imported record's other columns
    ALTER TABLE events ADD COLUMN created_at TEXT;
    ALTER TABLE events ADD COLUMN updated_at TEXT;
    CREATE INDEX events_origin_date ON events(origin, date);
    CREATE INDEX events_external ON events(origin, external_id);

    -- An id that was merged into another event: looking it up finds the event it became.
    CREATE TABLE event_aliases (
        id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL,
        at TEXT NOT NULL,
        article_id TEXT
    );
    CREATE TABLE event_history (
        id INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL,
        at TEXT NOT NULL,
        article_id TEXT,  -- the report that caused the change
        change TEXT NOT NULL,  -- created, report_added, report_removed, updated, merged, merged_into, split, dropped
        detail TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX event_history_event ON event_history(event_id, id);
    """,
    # 5: the claims ledger kept as claims arrive (analyze/propositions.py): propositions with
    # stable ids, which claim is in which on which side, and the concept index that finds a new
    # claim's candidates without comparing all pairs.
    """
    CREATE TABLE propositions (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        terms TEXT NOT NULL DEFAULT '[]',
        asserted_by TEXT NOT NULL DEFAULT '[]',
        denied_by TEXT NOT NULL DEFAULT '[]',
        contested INTEGER NOT NULL DEFAULT 0,
        speakers INTEGER NOT NULL DEFAULT 0,
        claim_count INTEGER NOT NULL DEFAULT 0,
        first TEXT,
        last TEXT,
        updated_at TEXT
    );
    CREATE INDEX propositions_rank ON propositions(speakers DESC, contested DESC, label);
    CREATE TABLE proposition_claims (
        claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
        proposition_id TEXT NOT NULL,
        side TEXT NOT NULL DEFAULT 'asserts',
        terms TEXT NOT NULL
    );
    CREATE INDEX proposition_claims_prop ON proposition_claims(proposition_id, claim_id);
    CREATE TABLE proposition_terms (
        term TEXT NOT NULL,
        proposition_id TEXT NOT NULL,
        updated INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (term, proposition_id)
    ) WITHOUT ROWID;
    CREATE INDEX proposition_terms_recent ON proposition_terms(term, updated DESC);
    CREATE TABLE ledger_terms (
        term TEXT PRIMARY KEY,
        claims INTEGER NOT NULL
    ) WITHOUT ROWID;
    """,
    # 6: watching: each feed's polling state, alert rules, the alerts sent (one per rule and
    # subject, raised again only when it grows), and the watch's bookmarks.
    """
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        next_poll TEXT,
        added_at TEXT NOT NULL
    );
    CREATE INDEX feeds_due ON feeds(next_poll);
    CREATE TABLE alert_rules (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        spec TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE alerts_sent (
        rule TEXT NOT NULL,
        subject TEXT NOT NULL,
        level INTEGER NOT NULL,
        sent_at TEXT NOT NULL,
        detail TEXT,
        PRIMARY KEY (rule, subject)
    ) WITHOUT ROWID;
    CREATE TABLE watch_marks (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # 7: the HTTP API: write tokens (only their SHA-256 is kept), indexes that deliver a
    # country's events in date order and count its provinces, and history by time (the
    # changes feed).
    """
    CREATE TABLE api_tokens (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        last_used TEXT
    );
    CREATE INDEX events_country_date ON events(country, date);
    CREATE INDEX events_country_place ON events(country, admin1, admin2, fatalities);
    CREATE INDEX event_history_at ON event_history(at, change);
    """,
]
