/**
 * The land bureau's deliverables: the boundary-point table (界址点坐标表: JSON, CSV, .xlsx and the {@code
 * boundary-points} export layer) and the 报盘 coordinate file both ways. The numbering is {@link
 * org.zoneplan.geo.BoundaryPoints}; the file's text is {@link org.zoneplan.codecs.BaopanFile};
 * {@link org.zoneplan.deliverables.BaopanGeometry} turns one into the other without Spring. See
 * docs/deliverables.md.
 */
package org.zoneplan.deliverables;
