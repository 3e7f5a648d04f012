-- Nothing to do on PostgreSQL, which measures a VARCHAR in characters: H2's V45 gives its columns the
-- UTF-16 units a name of characters outside the basic plane needs.
SELECT 1;
