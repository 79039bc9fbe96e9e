/**
 * The file boundary of the reference core: point and weight CSV files read with full validation
 * (every problem reported as {@code FILE:LINE: problem; expected …} with 1-based physical line
 * numbers) and CSV output written atomically, so a failed run never leaves a half-written file.
 */
package org.driftsim.geometry.io;
