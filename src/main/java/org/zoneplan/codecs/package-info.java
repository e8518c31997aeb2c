/**
 * Table file codecs, free of Spring: CSV and .xlsx read as rows of cells with row and column in
 * every error, .xlsx written by streaming; bounds in {@link org.zoneplan.codecs.TableLimits}.
 * Features read tables through these, never through a library of their own.
 */
package org.zoneplan.codecs;
