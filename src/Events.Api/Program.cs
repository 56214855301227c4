using Events.Activities;
using Events.HostCompanies;
using Events.Students;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.History;
using StudentBase.Partners;
using StudentBase.Platform;
using StudentBase.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformService("events", typeof(Program).Assembly);
builder.ListenToInbox(Queues.EventsInbox);
builder.ReplicatePartnerApiKeys();
builder.AddStudents();
builder.AddHostCompanies();
builder.AddActivities();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapPlatformService();

return await app.RunServiceAsync(args);

public partial class Program;
