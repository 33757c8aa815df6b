import * as fc from 'fast-check';

import { ParameterStore } from './parameter-store';

// A few segments, so that names share paths often.
const segment = fc.constantFrom('a', 'b', 'c.d', 'e-f', 'g_1');
const names = fc.uniqueArray(
  fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join('/')}`),
  {
    maxLength: 30
  }
);

test('path paging: every parameter under a path is listed exactly once across pages, and nothing else', () => {
  fc.assert(
    fc.property(
      names,
      segment,
      fc.integer({ min: 1, max: 10 }),
      fc.boolean(),
      (all, top, pageSize, recursive) => {
        const store = new ParameterStore();
        const stored = all;
        for (const name of stored) store.put({ Name: name, Value: name, Type: 'String' });
        const path = `/${top}`;
        const expected = stored
          .filter(
            (name) => name.startsWith(`${path}/`) && (recursive || !name.slice(path.length + 1).includes('/'))
          )
          .sort();
        const listed: string[] = [];
        let token: string | undefined;
        do {
          const page = store.byPath({
            Path: path,
            Recursive: recursive,
            MaxResults: pageSize,
            NextToken: token
          });
          expect(page.Parameters.length).toBeLessThanOrEqual(pageSize);
          listed.push(...page.Parameters.map((p) => p.Name));
          token = page.NextToken;
        } while (token !== undefined);
        expect(listed).toEqual(expected);
      }
    ),
    { numRuns: 200 }
  );
});
