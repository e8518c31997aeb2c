package org.zoneplan.tiles;

/**
 * Where a label was found in an image and how well it matches a reference rendering.
 *
 * @param correlation Pearson correlation of darkness, −1..1
 */
record LabelMatch(double correlation, int x, int y, int width, int height) {}
