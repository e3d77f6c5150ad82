/** Whether an AWS SDK call failed with this exception (by class, or by name across SDK copies). */
export const isAwsError = (error: unknown, type: { name: string }) =>
  error instanceof Error && (error.name === type.name || error instanceof (type as unknown as typeof Error));
