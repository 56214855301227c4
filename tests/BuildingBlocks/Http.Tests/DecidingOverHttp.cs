using JasperFx.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Wolverine.Http;

namespace StudentBase.Http.Tests;

/// <summary>How a decider's decision becomes an HTTP answer: a stale If-Match and a refusal append nothing.</summary>
public class DecidingOverHttp
{
    private sealed record SomethingHappened(int Number);

    public sealed record SomethingToTell(string Whose, int Count);

    private static (HttpRequest Request, HttpResponse Response) Exchange(string? ifMatch = null)
    {
        var context = new DefaultHttpContext();
        if (ifMatch is not null)
        {
            context.Request.Headers[HeaderNames.IfMatch] = ifMatch;
        }

        return (context.Request, context.Response);
    }

    [Fact]
    public void a_decision_carried_out_answers_204_with_the_new_version_and_its_events()
    {
        var (request, response) = Exchange(ifMatch: "\"3\"");

        var (result, events) = Decision.Of(new SomethingHappened(1), new SomethingHappened(2)).Respond(request, response, version: 3);

        result.ShouldBeOfType<NoContent>();
        events.Count.ShouldBe(2);
        response.Headers.ETag.ToString().ShouldBe("\"5\"");
    }

    [Fact]
    public void a_stale_if_match_is_a_412_and_appends_nothing()
    {
        var (request, response) = Exchange(ifMatch: "\"2\"");

        var (result, events) = Decision.Of(new SomethingHappened(1)).Respond(request, response, version: 3);

        ProblemOf(result).Type.ShouldBe(Problems.PreconditionFailed.Type);
        ProblemOf(result).Detail.ShouldBe("The current ETag is \"3\".");
        events.ShouldBeEmpty();
    }

    [Fact]
    public void a_refusal_is_a_422_naming_the_rule_and_appends_nothing()
    {
        var (request, response) = Exchange();

        var (result, events) = ((Decision)new Refusal("slots-are-finite", "No slot is left.", "没有剩余名额。")).Respond(request, response, version: 3);

        var problem = ProblemOf(result);
        problem.Type.ShouldBe(Problems.RuleViolated.Type);
        problem.Status.ShouldBe(422);
        problem.Extensions["rule"].ShouldBe("slots-are-finite");
        events.ShouldBeEmpty();
    }

    [Fact]
    public void messages_travel_with_the_first_event_they_go_with()
    {
        var (request, response) = Exchange();

        var (_, carriedOut) = Decision.Of(new SomethingHappened(1), new SomethingHappened(2)).Publishing(new SomethingToTell("Daniel's", 3))
            .Respond(request, response, version: 0);
        var (_, alreadyDone) = Decision.Nothing.Publishing(new SomethingToTell("nobody's", 0)).Respond(request, response, version: 1);

        var first = carriedOut[0].ShouldBeAssignableTo<IEvent>().ShouldNotBeNull();
        first.Data.ShouldBe(new SomethingHappened(1));
        var (type, message) = PublishedMessages.CarriedBy(first).ShouldHaveSingleItem();
        type.ShouldBe(typeof(SomethingToTell).FullName);
        PublishedMessages.Read(message, typeof(SomethingToTell)).ShouldBe(new SomethingToTell("Daniel's", 3));
        carriedOut[1].ShouldBe(new SomethingHappened(2));
        alreadyDone.ShouldBeEmpty();
    }

    [Fact]
    public void a_decision_that_publishes_nothing_appends_its_events_as_they_are()
    {
        var (request, response) = Exchange();

        var (_, events) = Decision.Of(new SomethingHappened(1)).Respond(request, response, version: 0);

        events.ShouldHaveSingleItem().ShouldBe(new SomethingHappened(1));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*")]
    [InlineData("\"1\", \"7\"")]
    public void if_match_passes_when_absent_any_or_naming_the_current_version(string? ifMatch)
    {
        var (request, _) = Exchange(ifMatch);

        request.CheckIfMatch(currentVersion: 7).ShouldBeSameAs(WolverineContinue.NoProblems);
    }

    private static ProblemDetails ProblemOf(IResult result) => result.ShouldBeOfType<ProblemHttpResult>().ProblemDetails;
}
