/**
 * CatDog Studio: train, test and use an image classifier by transfer learning, on the desktop, the command line
 * and Spark. {@code Launcher} is the plain {@code main} that the packages start: with no arguments it opens the
 * desktop app ({@code ui}), with a verb it runs the command line ({@code cli}). Sub-packages: {@code core} (the
 * engine, no JavaFX), {@code ui} and {@code cli} (front ends over core), {@code spark} (jobs over core).
 */
package studio.catdog;
