import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { request } from './api.js';
import type { TypedDocumentString } from './generated/graphql.js';

export interface QueryState<TData> {
  readonly data: TData | undefined;
  readonly error: unknown;
  /** True while a request is in flight; `data` keeps the last answer meanwhile (no flash on refetch). */
  readonly loading: boolean;
  readonly refetch: () => void;
  /** Replace the data locally, e.g. with a mutation's payload. */
  readonly setData: (data: TData) => void;
}

interface Options {
  readonly skip?: boolean;
  /** Keep showing the previous variables' answer while the new one loads (e.g. the next page). */
  readonly keepPrevious?: boolean;
}

/** Runs the query now and whenever the variables change; answers to superseded requests are dropped. */
export const useQuery = <TData, TVariables>(
  document: TypedDocumentString<TData, TVariables>,
  variables: TVariables,
  options: Options = {},
): QueryState<TData> => {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<{
    data: TData | undefined;
    forKey: string | undefined;
    error: unknown;
    loading: boolean;
  }>({
    data: undefined,
    forKey: undefined,
    error: undefined,
    loading: !options.skip,
  });
  const latest = useRef(0);
  const skip = options.skip ?? false;
  const run = useCallback(() => {
    if (skip) return;
    const ticket = ++latest.current;
    setState((previous) => ({
      ...previous,
      loading: true,
      error: previous.forKey === key ? previous.error : undefined,
    }));
    request(document, JSON.parse(key) as TVariables).then(
      (data) => {
        if (ticket === latest.current) setState({ data, forKey: key, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (ticket === latest.current)
          setState((previous) => ({
            ...previous,
            forKey: previous.forKey === key ? key : undefined,
            error,
            loading: false,
          }));
      },
    );
  }, [document, key, skip]);
  useEffect(run, [run]);
  const setData = useCallback(
    (data: TData) => {
      latest.current++;
      setState({ data, forKey: key, error: undefined, loading: false });
    },
    [key],
  );
  const current = state.forKey === key || options.keepPrevious ? state.data : undefined;
  return {
    data: current,
    error: state.error,
    loading: state.loading || (current === undefined && state.error === undefined && !skip),
    refetch: run,
    setData,
  };
};
