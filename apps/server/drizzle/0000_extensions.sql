-- drizzle-kit does not emit CREATE EXTENSION; this first migration does, on PGlite and PostgreSQL alike.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS citext;--> statement-breakpoint
-- Accent- and case-insensitive folding for search ("giay phep lai xe" finds "Giấy phép lái xe").
-- unaccent() is only STABLE; this wrapper pins the dictionary so it can be used in indexes.
CREATE OR REPLACE FUNCTION public.vn_fold(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;
