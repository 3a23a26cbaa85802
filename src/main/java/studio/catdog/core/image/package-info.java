/**
 * Reading images safely (formats, orientation, size limits, plain reasons for refusals) and the preprocessing
 * that turns a picture into the backbone's input. Depends only on {@code core}'s shared pieces.
 */
package studio.catdog.core.image;
