using Google.OrTools.LinearSolver;

namespace ChainSeg.Core.Allocation;

/// <summary>Creates OR-Tools GLOP solvers and checks their outcome, for the allocation LPs.</summary>
internal static class LinearProgramme
{
    /// <summary>A fresh GLOP (primal/dual simplex) solver; GLOP is single-threaded and deterministic.</summary>
    /// <exception cref="InvalidOperationException">The OR-Tools native library lacks GLOP.</exception>
    public static Solver CreateGlop() =>
        Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("The OR-Tools GLOP linear solver is not available.");

    /// <summary>Throws unless the solve reached a proven optimum.</summary>
    /// <exception cref="InvalidOperationException">The status is anything but optimal (the message names the stage).</exception>
    public static void RequireOptimal(Solver.ResultStatus status, string stage)
    {
        if (status != Solver.ResultStatus.OPTIMAL)
        {
            throw new InvalidOperationException($"The allocation LP ({stage}) stopped without an optimum: {status}.");
        }
    }
}
