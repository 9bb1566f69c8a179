/* catalog-writer.c — a process for test-catalog-safety to kill mid-transaction
 *
 * Usage: catalog-writer DATA-DIR N-COMMITTED N-PENDING
 *
 * Commits N-COMMITTED items one by one, printing "committed <i>" after each
 * commit returns.  Then opens one big transaction and inserts items titled
 * "uncommitted" into it, printing "pending <n>" once N-PENDING are in and
 * every 100 after that, until it is killed.  It never commits them: if the
 * test stops reading, the next print fails (SIGPIPE) or the time limit ends
 * the transaction with a rollback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "catalog-writer"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "resell-core.h"
#include "catalog/resell-catalog-hooks.h"

#define TIME_LIMIT_USEC (60 * G_USEC_PER_SEC)

typedef struct
{
  guint  n_pending;
  char  *filler;
} Pending;

static gboolean
insert_uncommitted (ResellCatalog  *catalog,
                    gpointer        user_data,
                    GError        **error)
{
  Pending *pending = user_data;
  gint64 start = g_get_monotonic_time ();

  for (guint n = 1; g_get_monotonic_time () - start < TIME_LIMIT_USEC; n++)
    {
      g_autoptr(ResellItem) item = resell_item_new ();

      resell_item_set_title (item, "uncommitted");
      resell_item_set_category (item, "books-media");
      /* Enough text that a long transaction outgrows the page cache and
       * SQLite writes uncommitted pages to the WAL file. */
      resell_item_set_notes (item, pending->filler);

      if (!resell_catalog_insert_item (catalog, item, error))
        return FALSE;

      if (n == pending->n_pending || (n > pending->n_pending && n % 100 == 0))
        {
          printf ("pending %u\n", n);
          fflush (stdout);
        }

      /* Past the point the test waits for, slow down: the kill lands while
       * the writer is busy inside the transaction, not after a flood. */
      if (n > pending->n_pending)
        g_usleep (500);
    }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       "Nobody killed the writer; rolling back.");
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ResellCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *filler = NULL;
  Pending pending;
  guint n_committed;

  if (argc != 4)
    {
      g_printerr ("Usage: %s DATA-DIR N-COMMITTED N-PENDING\n", argv[0]);
      return EXIT_FAILURE;
    }

  n_committed = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  pending.n_pending = MAX ((guint) g_ascii_strtoull (argv[3], NULL, 10), 1);
  pending.filler = filler = g_strnfill (2048, 'x');

  catalog = resell_catalog_open (argv[1], &error);
  if (catalog == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  for (guint i = 1; i <= n_committed; i++)
    {
      g_autoptr(ResellItem) item = resell_item_new ();

      resell_item_set_title (item, "committed");
      resell_item_set_category (item, "clothing");

      if (!resell_catalog_insert_item (catalog, item, &error))
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }

      printf ("committed %u\n", i);
      fflush (stdout);
    }

  if (!resell_catalog_run_in_transaction (catalog, insert_uncommitted, &pending, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  return EXIT_SUCCESS;
}
