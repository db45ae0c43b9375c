/* cu.h: the few lines every CUnit test program shares: run one suite in
 * verbose basic mode (the CUnit summary is printed for the CI log) and exit
 * non-zero when any assertion failed. */
#ifndef ISOLOIR_CU_H
#define ISOLOIR_CU_H

#include <stdio.h>
#include <stdlib.h>

#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>

static inline int
cu_run(const char *suite_name, CU_TestInfo *tests)
{
	CU_SuiteInfo suites[] = {
		{ (char *)suite_name, NULL, NULL, NULL, NULL, tests },
		CU_SUITE_INFO_NULL,
	};
	unsigned failures;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 99;
	if (CU_register_suites(suites) != CUE_SUCCESS) {
		fprintf(stderr, "CUnit: %s\n", CU_get_error_msg());
		CU_cleanup_registry();
		return 99;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failures = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	if (CU_get_number_of_tests_run() == 0)
		failures = 1;
	CU_cleanup_registry();
	return failures == 0 ? 0 : 1;
}

#endif
