using System.Text.Json.Nodes;
using Internships.Permits.Watching;
using Internships.Tests.Internships;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StudentBase.Contracts;
using StudentBase.Testing;
using Wolverine;

namespace Internships.Tests.Permits;

/// <summary>Given a permit's end and what it is needed for, on a day, what the watch records.</summary>
public class DecidingThePermitWatch
{
    private static readonly DateOnly Today = new(2027, 3, 1);
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 2, 0, 0, CityTime.Offset);
    private static readonly PermitWatchRules Rules = new() { ExpiringWithinDays = 60 };
    private static readonly Guid Person = Guid.CreateVersion7();
    private static readonly PermitNeed Internship = new(Guid.CreateVersion7(), new DateOnly(2027, 8, 31));

    private static IReadOnlyList<object> Decide(DateOnly validUntil, PermitNeed? need = null, ResidencePermitWatch? watch = null, DateOnly? today = null) =>
        ResidencePermitWatch.Decide(watch, Person, validUntil, need ?? Internship, today ?? Today, Rules, Now);

    [Fact]
    public void a_permit_ending_within_the_window_before_the_internship_ends_is_expiring_once()
    {
        var validUntil = Today.AddDays(45);
        var expiring = new PermitExpiring(Person, validUntil, Internship.Until, Internship.InternshipId, Now);

        Decide(validUntil).ShouldBe([expiring]);
        Decide(validUntil, watch: ResidencePermitWatch.Create(expiring)).ShouldBeEmpty();
        Decide(Today.AddDays(61)).ShouldBeEmpty("outside the window");
        Decide(Today.AddDays(60)).ShouldHaveSingleItem().ShouldBeOfType<PermitExpiring>();
        Decide(new DateOnly(2027, 8, 31)).ShouldBeEmpty("the permit covers the internship");
        ResidencePermitWatch.Decide(null, Person, validUntil, null, Today, Rules, Now).ShouldBeEmpty("nothing needs the permit");
    }

    [Fact]
    public void a_permit_that_lapsed_while_needed_is_expired_once_and_a_renewed_one_is_watched_afresh()
    {
        var lapsed = Today.AddDays(-1);
        var expired = new PermitExpired(Person, lapsed, Internship.Until, Internship.InternshipId, Now);

        Decide(lapsed).ShouldBe([expired]);
        Decide(lapsed, watch: ResidencePermitWatch.Create(expired)).ShouldBeEmpty();
        Decide(Today.AddDays(30), watch: ResidencePermitWatch.Create(expired)).ShouldHaveSingleItem().ShouldBeOfType<PermitExpiring>();
        Decide(lapsed, need: Internship with { Until = Today.AddDays(-2) }).ShouldBeEmpty("the internship is over");
    }
}

/// <summary>The Internships service on a clock the test moves.</summary>
public sealed class MovableClockFixture : InternshipsFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override string DatabasePrefix => "internships_clock";

    protected override void Configure(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
}

public class WatchingResidencePermits(MovableClockFixture fixture) : IClassFixture<MovableClockFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task RunTheWatchAsync()
    {
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new CheckPermitExpiry(), Cancellation);
    }

    private async Task<IReadOnlyList<object>> WatchOfAsync(Guid person)
    {
        await using var session = fixture.Store.QuerySession();
        return [.. (await session.Events.FetchStreamAsync(ResidencePermitWatch.IdOf(person), token: Cancellation)).Select(@event => @event.Data)];
    }

    [Fact]
    public async Task the_watch_records_one_expiring_permit_per_person_and_window_then_its_lapse_as_the_clock_moves()
    {
        var today = CityTime.DateOf(fixture.Clock.GetUtcNow());
        var parties = await InternshipParties.ArrangeAsync(fixture, residencePermitExpiry: today.AddDays(30));
        var internship = await parties.DraftedAsync();
        var covered = await InternshipParties.ArrangeAsync(fixture, residencePermitExpiry: today.AddYears(2));
        await covered.DraftedAsync();

        await RunTheWatchAsync();
        await RunTheWatchAsync();

        var recorded = (await WatchOfAsync(parties.StudentId)).ShouldHaveSingleItem().ShouldBeOfType<PermitExpiring>();
        recorded.ValidUntil.ShouldBe(today.AddDays(30));
        recorded.NeededUntil.ShouldBe(InternshipParties.AgreedEnd);
        recorded.InternshipId.ShouldBe(internship);
        (await WatchOfAsync(covered.StudentId)).ShouldBeEmpty();
        var listed = await fixture.GetAsync<List<JsonObject>>("/api/permit-watch/expiring");
        listed.Single(entry => entry["personId"]!.GetValue<Guid>() == parties.StudentId)["expired"]!.GetValue<bool>().ShouldBeFalse();
        (await fixture.GetAsync<List<JsonObject>>("/api/permit-watch/expiring", parties.UniversityKey)).ShouldHaveSingleItem();

        fixture.Clock.Advance(TimeSpan.FromDays(31));
        await RunTheWatchAsync();
        await RunTheWatchAsync();

        (await WatchOfAsync(parties.StudentId)).Select(@event => @event.GetType()).ShouldBe([typeof(PermitExpiring), typeof(PermitExpired)]);
        (await fixture.GetAsync<List<JsonObject>>("/api/permit-watch/expiring", parties.UniversityKey)).ShouldHaveSingleItem()["expired"]!
            .GetValue<bool>().ShouldBeTrue();
    }
}
