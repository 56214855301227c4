using System.Diagnostics;
using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.Http;
using StudentBase.Operations;
using StudentBase.Testing;
using Subsidies.Students;
using Wolverine;

namespace Subsidies.Tests.Operations;

/// <summary>A service whose messages about unknown students give up after one short wait.</summary>
public sealed class QuickDeadLettersFixture : SubsidiesFixture
{
    protected override void Configure(IWebHostBuilder builder) =>
        builder.UseSetting($"{Messaging.UnknownSubjectWaitsSection}:0", "00:00:01");
}

/// <summary>
/// A message that keeps failing becomes a dead letter an operator can see, inspect, and replay once its fault is
/// fixed: here a completed internship of a student Subsidies never heard of, until the student's registration arrives.
/// </summary>
public class HandlingDeadLetters(QuickDeadLettersFixture fixture) : IClassFixture<QuickDeadLettersFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_poison_message_is_dead_lettered_then_replayed_once_after_the_fault_is_fixed()
    {
        var student = SampleStudents.Daniel();
        var completed = new InternshipCompleted(Guid.CreateVersion7(), student.StudentId, student.UniversityId, Guid.CreateVersion7(),
            new DateOnly(2024, 7, 1), new DateOnly(2024, 12, 31), "XSP-2024-0042", DateTimeOffset.UtcNow);
        await SendToInboxAsync(completed);

        var deadLetter = await EventuallyAsync(async () =>
            (await ListDeadLettersAsync()).DeadLetters.SingleOrDefault(letter => letter.MessageType.Contains(nameof(InternshipCompleted))));
        deadLetter.ExceptionType.ShouldContain(nameof(NotYetKnownException));

        var detail = (await fixture.Host.Scenario(x => x.As(PartnerKeys.Operator).Get.Url($"/api/operations/dead-letters/{deadLetter.Id}")))
            .ReadAsJson<DeadLetterDetail>()!;
        detail.ExceptionMessage.ShouldContain(student.StudentId.ToString());
        detail.Message!["certificateNumber"]!.GetValue<string>().ShouldBe("XSP-2024-0042");

        await fixture.Host.RecordStudentAsync(student);
        await ReplayAsync(deadLetter.Id);
        var again = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.Operator).Post.Url($"/api/operations/dead-letters/{deadLetter.Id}/replay");
            x.IgnoreStatusCode();
        });
        again.Context.Response.StatusCode.ShouldBeOneOf(StatusCodes.Status202Accepted, StatusCodes.Status404NotFound);

        await EventuallyAsync(async () =>
        {
            await using var session = fixture.Store.QuerySession();
            var record = await session.LoadAsync<StudentRecord>(student.StudentId, Cancellation);
            return record?.Internships.SingleOrDefault(internship => internship.InternshipId == completed.InternshipId);
        });
        await EventuallyAsync(async () => (await ListDeadLettersAsync()).DeadLetters.All(letter => letter.Id != deadLetter.Id) ? "gone" : null);

        await using var history = fixture.Store.QuerySession();
        var events = await history.Events.FetchStreamAsync(student.StudentId, token: Cancellation);
        events.Count(@event => @event.Data is InternshipMilestoneRecorded).ShouldBe(1);
    }

    [Fact]
    public async Task an_operator_discards_a_dead_letter_for_good()
    {
        var unknown = new InternshipStarted(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), new DateOnly(2024, 7, 1), DateTimeOffset.UtcNow);
        await SendToInboxAsync(unknown);
        var deadLetter = await EventuallyAsync(async () =>
            (await ListDeadLettersAsync()).DeadLetters.SingleOrDefault(letter => letter.MessageType.Contains(nameof(InternshipStarted))));

        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.Operator).Delete.Url($"/api/operations/dead-letters/{deadLetter.Id}");
            x.StatusCodeShouldBe(StatusCodes.Status204NoContent);
        });

        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.Operator).Get.Url($"/api/operations/dead-letters/{deadLetter.Id}");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
        });
    }

    private async Task SendToInboxAsync(object message)
    {
        using var scope = fixture.Host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>()
            .EndpointFor(new Uri($"postgresql://{Queues.SubsidiesInbox}/")).SendAsync(message);
    }

    private async Task<DeadLetterPage> ListDeadLettersAsync() =>
        (await fixture.Host.Scenario(x => x.As(PartnerKeys.Operator).Get.Url("/api/operations/dead-letters"))).ReadAsJson<DeadLetterPage>()!;

    private Task ReplayAsync(Guid id) => fixture.Host.Scenario(x =>
    {
        x.As(PartnerKeys.Operator).Post.Url($"/api/operations/dead-letters/{id}/replay");
        x.StatusCodeShouldBe(StatusCodes.Status202Accepted);
    });

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            waited.Elapsed.ShouldBeLessThan(Patience, "the expected state never arrived");
            await Task.Delay(250, Cancellation);
        }
    }
}
