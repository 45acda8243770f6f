import { type HttpProblem, problemOf } from '../../shared/http/problem.ts';

// Domain code throws named errors; these read them as the HTTP edge answers them, so a test pins both
// the error and its status.

export async function rejectionProblem(promise: Promise<unknown>): Promise<HttpProblem> {
  try {
    await promise;
  } catch (error) {
    const problem = problemOf(error);
    if (problem === undefined) throw error;
    return problem;
  }
  throw new Error('expected a rejection');
}

export function thrownProblem(run: () => unknown): HttpProblem {
  try {
    run();
  } catch (error) {
    const problem = problemOf(error);
    if (problem === undefined) throw error;
    return problem;
  }
  throw new Error('expected a throw');
}
