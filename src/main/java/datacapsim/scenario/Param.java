package datacapsim.scenario;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents and bounds one scenario field: its meaning, unit and allowed range. A field that takes one of a closed set
 * of words has an enum of {@link Word}s as its type, whose constants are its allowed words. The loader checks every
 * bound generically, and {@code describe} prints them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Param {
    /** One line: what the field means. */
    String doc();

    /** Unit, e.g. "days", "TiB", "FIL", "epochs"; empty when dimensionless. */
    String unit() default "";

    /** Smallest allowed value (numbers), inclusive; NaN when unbounded. */
    double min() default Double.NaN;

    /** Largest allowed value (numbers), inclusive; NaN when unbounded. */
    double max() default Double.NaN;

    /**
     * Name of a group of shares that together make a whole; empty for none. Numeric fields of one record that carry
     * the same non-empty group name (e.g. {@code share = "strategy"} on {@code diligentShare}, {@code lazyShare},
     * {@code failingShare}, {@code cheatingShare}) are fractions of one population: the loader requires them to sum
     * to 1 (within 1e-9) after defaults and {@code extends} are applied, and names every field of the group and the
     * sum when they do not. Give each such field {@code min = 0, max = 1} as well; {@code describe} shows the group.
     */
    String share() default "";
}
