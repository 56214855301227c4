namespace StudentBase.Http.Tests;

/// <summary>Work a request does that is not its own (the idempotency record's transactions) stays out of its stages.</summary>
public class SettingWorkAside
{
    [Fact]
    public async Task while_set_aside_the_flow_has_no_request_to_time_and_afterwards_it_has_it_again()
    {
        var stages = RequestStages.Begin();

        using (RequestStages.Aside())
        {
            RequestStages.Current.ShouldBeNull();
            await Task.Yield();
            RequestStages.Current.ShouldBeNull();
        }

        RequestStages.Current.ShouldBeSameAs(stages);
    }

    [Fact]
    public void only_the_first_save_of_the_request_starts_its_commit_and_reads_after_it_are_not_counted()
    {
        var stages = RequestStages.Begin();
        stages.Admitted();
        stages.Read(TimeSpan.FromMilliseconds(2));
        stages.Committing();
        stages.Read(TimeSpan.FromMilliseconds(5));
        stages.Committed();

        stages.Describe(System.Diagnostics.Stopwatch.GetTimestamp()).ShouldContain("reads;dur=2,");
    }
}
