/* For testing under Wine only, never shipped: Rust's standard library asks Windows 10 and later
 * for random bytes through ProcessPrng in bcryptprimitives.dll, which Wine 8 does not export.
 * Placed beside yishi.exe in a test folder, this DLL answers through RtlGenRandom
 * (advapi32!SystemFunction036), which Wine has. Build:
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll prng-shim.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
