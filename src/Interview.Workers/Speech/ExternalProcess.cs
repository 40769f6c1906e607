using System.Diagnostics;

namespace Interview.Workers.Speech;

public sealed record ProcessResult(int ExitCode, byte[] Output, string Errors);

/// <summary>Runs an offline speech tool directly (no shell: arguments are passed as a list), with a timeout that kills it.</summary>
public static class ExternalProcess
{
    public static async Task<ProcessResult> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout,
        CancellationToken cancellation, byte[]? input = null)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SpeechEngineUnavailableException($"{program} is not installed ({e.Message}); run ./run.sh as root or apt-get install it.");
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(timeout);
        try
        {
            using var output = new MemoryStream();
            var reading = process.StandardOutput.BaseStream.CopyToAsync(output, limit.Token);
            var errors = process.StandardError.ReadToEndAsync(limit.Token);
            if (input is not null)
            {
                await process.StandardInput.BaseStream.WriteAsync(input, limit.Token);
                process.StandardInput.Close();
            }
            await Task.WhenAll(reading, errors);
            await process.WaitForExitAsync(limit.Token);
            return new ProcessResult(process.ExitCode, output.ToArray(), await errors);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            if (cancellation.IsCancellationRequested) throw;
            throw new TimeoutException($"{program} did not finish within {timeout.TotalSeconds:0} s.");
        }
        catch (IOException) when (process.HasExited)
        {
            // The tool quit before reading all of its input (e.g. not audio): its exit code says why.
            await process.WaitForExitAsync(CancellationToken.None);
            return new ProcessResult(process.ExitCode, [], "");
        }
    }
}

/// <summary>An engine that cannot run here (tool missing, API unreachable): the caller answers 503 or falls back.</summary>
public sealed class SpeechEngineUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
