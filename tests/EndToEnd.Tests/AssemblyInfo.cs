// Each test starts a whole platform (app host, PostgreSQL, three services); side by side on a small machine they starve
// each other of CPU and time out, so they run one after another.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
