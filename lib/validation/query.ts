// Query-string values (they arrive as text), shared by the API's paging and the device list's URL.
import { z } from "zod";

/** A whole number from `min` to `max`, given as text: "2" is 2; "", "two" and "1.5" are refused, saying why. */
export const wholeNumberParam = (min: number, max: number) =>
  z.coerce
    .number({ message: "must be a whole number" })
    .int("must be a whole number")
    .min(min, `must be from ${min} to ${max}`)
    .max(max, `must be from ${min} to ${max}`);
