using Internships.Internships;
using Internships.Students;
using Marten;
using Microsoft.Extensions.Options;
using StudentBase.Contracts;
using Wolverine;

namespace Internships.Permits.Watching;

/// <summary>Run the residence-permit watch now, over everyone in or about to start an internship or with a subsidy application in progress.</summary>
public record CheckPermitExpiry;

public static class CheckPermitExpiryHandler
{
    private static readonly InternshipState[] InOrAboutToStart =
        [InternshipState.Consented, InternshipState.Agreed, InternshipState.Endorsed, InternshipState.Started];

    /// <summary>
    /// Records what changed since the last run. Each person's watch is appended at the version read, so two replicas
    /// running at once cannot record the same thing twice (the later one fails and its retry finds it recorded).
    /// </summary>
    public static async Task Handle(CheckPermitExpiry _, IDocumentSession session, IOptions<PermitWatchRules> rules, TimeProvider clock, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var today = CityTime.DateOf(now);
        var needs = await NeedsAsync(session, today, cancellation);
        if (needs.Count == 0)
        {
            return;
        }

        var people = await session.LoadManyAsync<Student>(cancellation, needs.Keys);
        var watches = (await session.LoadManyAsync<ResidencePermitWatch>(cancellation, needs.Keys.Select(ResidencePermitWatch.IdOf)))
            .ToDictionary(watch => watch.PersonId);
        foreach (var person in people.Where(person => person.Erasure is null))
        {
            var watch = watches.GetValueOrDefault(person.Id);
            var recorded = ResidencePermitWatch.Decide(watch, person.Id, person.ResidencePermitExpiry, needs[person.Id], today, rules.Value, now);
            if (recorded.Count == 0)
            {
                continue;
            }

            if (watch is null)
            {
                session.Events.StartStream<ResidencePermitWatch>(ResidencePermitWatch.IdOf(person.Id), [.. recorded]);
            }
            else
            {
                session.Events.Append(watch.Id, watch.Version + recorded.Count, [.. recorded]);
            }
        }
    }

    /// <summary>Each person's need: the internship that ends last and a subsidy application in progress, either or both.</summary>
    private static async Task<Dictionary<Guid, PermitNeed>> NeedsAsync(IQuerySession session, DateOnly today, CancellationToken cancellation)
    {
        var internships = await session.Query<Internship>().Where(internship => InOrAboutToStart.Contains(internship.State)).ToListAsync(cancellation);
        var applications = await session.Query<ReportedSubsidyApplication>().Where(application => application.InProgress).ToListAsync(cancellation);
        var needs = new Dictionary<Guid, PermitNeed>();
        foreach (var (personId, need) in internships
                     .Where(internship => internship.Terms is { } terms && terms.EndDate >= today)
                     .Select(internship => (internship.StudentId, PermitNeed.ForInternship(internship.Id, internship.Terms!.EndDate)))
                     .Concat(applications.OrderBy(application => application.Id)
                         .Select(application => (application.ApplicantId, PermitNeed.ForSubsidyApplication(application.Id)))))
        {
            needs[personId] = needs.TryGetValue(personId, out var other) ? other.And(need) : need;
        }

        return needs;
    }
}

/// <summary>Runs the watch at start and then every <see cref="PermitWatchRules.Interval"/>, on the service's clock.</summary>
public sealed partial class PermitWatchSchedule(
    IServiceScopeFactory scopes, IOptions<PermitWatchRules> rules, TimeProvider clock, ILogger<PermitWatchSchedule> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new CheckPermitExpiry(), stopping);
            }
            catch (Exception failure) when (!stopping.IsCancellationRequested)
            {
                WatchFailed(logger, failure);
            }

            try
            {
                await Task.Delay(rules.Value.Interval, clock, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "The residence-permit watch failed; it runs again at its next interval")]
    private static partial void WatchFailed(ILogger logger, Exception exception);
}
