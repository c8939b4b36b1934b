// The record tables are chosen at run time (a `collection` argument), but the generated types
// can only pick a table's fields and indexes at compile time. The three tables share their
// index naming by contract (by_<naturalKey>, by_status_date, by_date, search — see schema.ts),
// so functions that work on "a record table" view the database through these generic types.
// Writes are still validated against the schema at run time.
import type { GenericDatabaseReader, GenericDatabaseWriter, GenericDataModel } from 'convex/server';
import type { DatabaseReader, DatabaseWriter } from '../_generated/server';

export function looseReader(db: DatabaseReader): GenericDatabaseReader<GenericDataModel> {
  return db as unknown as GenericDatabaseReader<GenericDataModel>;
}

export function looseWriter(db: DatabaseWriter): GenericDatabaseWriter<GenericDataModel> {
  return db as unknown as GenericDatabaseWriter<GenericDataModel>;
}
