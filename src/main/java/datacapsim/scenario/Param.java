package datacapsim.scenario;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents and bounds one scenario field: its meaning, unit and allowed range (or allowed words). The loader checks
 * every bound generically, and {@code describe} prints them.
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

    /** Allowed words (strings); empty for any. */
    String[] oneOf() default {};
}
