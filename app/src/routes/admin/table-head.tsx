import type { ReactNode } from 'react';

/**
 * An admin table's column headers. The explicit roles keep the table a table for screen readers
 * when narrow screens restyle its rows as cards.
 */
export function TableHead({ columns }: { columns: ReactNode[] }) {
  return (
    <thead role="rowgroup">
      <tr role="row">
        {columns.map((column, index) => (
          <th key={index} scope="col" role="columnheader">
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
