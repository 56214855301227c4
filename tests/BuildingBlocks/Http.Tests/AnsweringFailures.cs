using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace StudentBase.Http.Tests;

/// <summary>What an exception nobody handled becomes: only a database that cannot be reached is "try again later".</summary>
public class AnsweringFailures
{
    private sealed class WrittenProblems : IProblemDetailsService
    {
        public ValueTask WriteAsync(ProblemDetailsContext context) => ValueTask.CompletedTask;
    }

    private static async Task<int> StatusForAsync(Exception exception)
    {
        await using var database = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1");
        var handler = new ProblemDetailsExceptionHandler(new WrittenProblems(), database, NullLogger<ProblemDetailsExceptionHandler>.Instance);
        var context = new DefaultHttpContext();
        await handler.TryHandleAsync(context, exception, TestContext.Current.CancellationToken);
        return context.Response.StatusCode;
    }

    [Fact]
    public async Task a_database_connection_that_failed_answers_503_and_a_socket_or_io_error_of_anything_else_500()
    {
        (await StatusForAsync(new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused))))
            .ShouldBe(StatusCodes.Status503ServiceUnavailable);
        (await StatusForAsync(new InvalidOperationException("Query failed.", new NpgsqlException("Exception while reading from stream", new IOException("EOF")))))
            .ShouldBe(StatusCodes.Status503ServiceUnavailable);
        (await StatusForAsync(new IOException("The client went away."))).ShouldBe(StatusCodes.Status500InternalServerError);
        (await StatusForAsync(new SocketException((int)SocketError.ConnectionReset))).ShouldBe(StatusCodes.Status500InternalServerError);
    }
}
